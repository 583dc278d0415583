//! A scripted LSP client over the stdio of `mlsd lsp`, framed by lsp-server's own `Message`.

use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{Value, json};

/// How long any one answer may take before the test fails (a stall, not a timing assert).
const PATIENCE: Duration = Duration::from_secs(30);

pub const URI: &str = "file:///work/spec.mlsd";

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Message>,
    next_id: i32,
    version: i32,
    /// Notifications received while waiting for something else.
    pub notifications: Vec<Notification>,
}

impl Client {
    /// Starts `mlsd lsp` and completes the initialize handshake.
    pub fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mlsd"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start mlsd lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Ok(Some(msg)) = Message::read(&mut reader) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        let mut client = Client {
            child,
            stdin,
            incoming,
            next_id: 0,
            version: 0,
            notifications: Vec::new(),
        };
        let caps = client.request("initialize", json!({ "capabilities": {} }));
        assert!(
            caps["capabilities"]["hoverProvider"]
                .as_bool()
                .unwrap_or(false)
        );
        client.notify("initialized", json!({}));
        client
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(
            method.into(),
            params,
        )));
    }

    fn send(&mut self, msg: Message) {
        let stdin = self.stdin.as_mut().expect("server stdin open");
        msg.write(stdin).expect("write to the server");
        stdin.flush().expect("flush");
    }

    /// Sends a request and returns its result (panics on an error response).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        match self.try_request(method, params) {
            Ok(v) => v,
            Err(e) => panic!("{method} failed: {e}"),
        }
    }

    /// Sends a request; `Err(message)` for an error response.
    pub fn try_request(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Message::Request(Request::new(
            id.clone(),
            method.into(),
            params,
        )));
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self.next_message(deadline) {
                Message::Response(r) if r.id == id => {
                    return r.response_result.map_err(|e| e.message);
                }
                Message::Notification(n) => self.notifications.push(n),
                _ => {}
            }
        }
    }

    fn next_message(&mut self, deadline: Instant) -> Message {
        let wait = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(wait) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => panic!("the server stalled"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server exited"),
        }
    }

    /// Waits for the next diagnostics published for `URI` and returns them.
    pub fn diagnostics(&mut self) -> Vec<Value> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(i) = self
                .notifications
                .iter()
                .position(|n| n.method == "textDocument/publishDiagnostics")
            {
                let n = self.notifications.remove(i);
                return n.params["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
            if let Message::Notification(n) = self.next_message(deadline) {
                self.notifications.push(n);
            }
        }
    }

    pub fn open(&mut self, text: &str) -> Vec<Value> {
        self.version = 1;
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": URI, "languageId": "mlsd", "version": 1, "text": text } }),
        );
        self.diagnostics()
    }

    /// Replaces the whole text (without waiting for diagnostics).
    pub fn change(&mut self, text: &str) {
        self.version += 1;
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": URI, "version": self.version },
                    "contentChanges": [{ "text": text }] }),
        );
    }

    /// Applies a range edit (without waiting for diagnostics).
    pub fn edit(&mut self, start: (u32, u32), end: (u32, u32), text: &str) {
        self.version += 1;
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": URI, "version": self.version },
                    "contentChanges": [{ "range": range(start, end), "text": text }] }),
        );
    }

    /// A request about a position of the document.
    pub fn at(&mut self, method: &str, line: u32, character: u32) -> Value {
        self.request(method, position(line, character))
    }

    /// Shuts the server down and checks it exits cleanly.
    pub fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let status = self.child.wait().expect("wait for the server");
        assert!(status.success(), "the server exited with {status}");
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn position(line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character } })
}

pub fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({ "start": { "line": start.0, "character": start.1 },
            "end": { "line": end.0, "character": end.1 } })
}

/// The (line, UTF-16 column) of the first occurrence of `needle` in `text`, plus `skip` chars.
pub fn find(text: &str, needle: &str, skip: usize) -> (u32, u32) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in text"))
        + skip;
    let before = &text[..at];
    let line = before.matches('\n').count();
    let col: usize = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .map(char::len_utf16)
        .sum();
    (line as u32, col as u32)
}
