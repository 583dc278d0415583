// The mlsd extension: starts `mlsd lsp` over stdio and adds a live-preview command.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function executable() {
  return vscode.workspace.getConfiguration("mlsd").get("path") || "mlsd";
}

function start(context) {
  const server = { command: executable(), args: ["lsp"] };
  client = new LanguageClient(
    "mlsd",
    "mlsd language server",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "mlsd" }, { scheme: "untitled", language: "mlsd" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("mlsd.openPreview", () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== "mlsd") {
        vscode.window.showErrorMessage("Open a .mlsd spec first.");
        return;
      }
      const terminal = vscode.window.createTerminal("mlsd preview");
      // The spec path is passed as one quoted argument; watch prints the preview's URL.
      const file = editor.document.uri.fsPath.replace(/'/g, "'\\''");
      terminal.sendText(`${executable()} watch --serve '${file}'`);
      terminal.show();
    }),
    vscode.commands.registerCommand("mlsd.restartServer", async () => {
      if (client) {
        await client.restart();
      }
    })
  );
  return start(context);
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
