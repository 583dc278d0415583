-- Drives `mlsd lsp` with Neovim's built-in client (nvim --headless -u NONE).
-- Env: MLSD (the binary), SPEC (a copy of the reference spec), OUT (a log file).
-- Each step writes `ok <step>` or `FAIL <step>: why` to OUT; the script exits 0 only if
-- every step passed.
local out = assert(io.open(os.getenv("OUT"), "w"))
local failed = false
local function log(line) out:write(line .. "\n"); out:flush() end
local function check(step, cond, why)
  if cond then log("ok " .. step) else failed = true; log("FAIL " .. step .. ": " .. tostring(why)) end
end
local function finish()
  out:close()
  vim.cmd(failed and "cquit 1" or "qall!")
end

vim.cmd("edit " .. os.getenv("SPEC"))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = "mlsd",
  cmd = { os.getenv("MLSD"), "lsp" },
  root_dir = vim.fn.fnamemodify(os.getenv("SPEC"), ":h"),
})
check("start", id ~= nil, "the client did not start")
vim.lsp.buf_attach_client(buf, id)
local client = vim.lsp.get_client_by_id(id)

local function errors()
  return vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR })
end
local function line_of(pattern)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local col = l:find(pattern, 1, true)
    if col then return i - 1, col - 1 end
  end
end
local function request(method, line, col, extra)
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = col } }
  for k, v in pairs(extra or {}) do params[k] = v end
  local answers = vim.lsp.buf_request_sync(buf, method, params, 10000) or {}
  local a = answers[id]
  return a and a.result, a and (a.err or a.error)
end

-- Wait for the server to be initialised and the first analysis to arrive.
vim.wait(10000, function() return client.initialized end, 50)
vim.wait(2000, function() return false end, 50)
check("clean on open", #errors() == 0, vim.inspect(errors()))

-- A typo: a diagnostic appears...
local l, c = line_of("replicas: 40")
vim.api.nvim_buf_set_text(buf, l, c, l, c + #"replicas", { "replics" })
local appeared = vim.wait(10000, function() return #errors() == 1 end, 50)
local e = errors()[1]
check("diagnostic appears", appeared and e.message:find("replics", 1, true) and e.lnum == l,
  vim.inspect(errors()))
-- ...and goes away once fixed.
vim.api.nvim_buf_set_text(buf, l, c, l, c + #"replics", { "replicas" })
check("diagnostic disappears", vim.wait(10000, function() return #errors() == 0 end, 50),
  vim.inspect(errors()))

-- Hover on a component: its declaration and computed facts.
l, c = line_of("-> ranker_server")
local hover = request("textDocument/hover", l, c + 4)
local text = hover and hover.contents and hover.contents.value or ""
check("hover", text:find("replicas: 30", 1, true) and text:find("load:", 1, true), text)

-- Go to definition: `model: ranker` -> `model ranker`.
l, c = line_of("model: ranker")
local def = request("textDocument/definition", l, c + 8)
local dl = line_of("model ranker \"")
check("definition", def and def.range and def.range.start.line == dl, vim.inspect(def))

-- Rename `lake` and apply the edit to the buffer.
l, c = line_of("warehouse lake")
local edit, err = request("textDocument/rename", l, c + 10, { newName = "event_lake" })
check("rename answered", edit ~= nil, vim.inspect(err))
if edit then
  vim.lsp.util.apply_workspace_edit(edit, "utf-16")
  local all = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
  check("rename applied", not all:find("[^_%w]lake[^_%w]") and all:find("event_lake", 1, true), "lake left")
  check("renamed spec clean", vim.wait(10000, function() return #errors() == 0 end, 50), vim.inspect(errors()))
end
-- A taken name is refused.
l, c = line_of("stream events")
local refused, rerr = request("textDocument/rename", l, c + 8, { newName = "features" })
check("rename refuses a taken name", refused == nil and rerr ~= nil and tostring(rerr.message):find("already declared", 1, true), vim.inspect({ refused, rerr }))

finish()
