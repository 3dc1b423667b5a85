-- A headless Neovim (0.7 or later) as the lawyer's editor: its own LSP client
-- starts `clausec lsp`, opens clause 2 of the letter, asks for completions and
-- inlay hints. Run from the repository's root (README.md here); exit 0: all hold.
local root = vim.fn.getcwd()
vim.cmd('edit ' .. root .. '/clauses/lovelock-severance/2.clause')
local buf, uri = vim.api.nvim_get_current_buf(), vim.uri_from_bufnr(0)
local id = vim.lsp.start_client({ cmd = { os.getenv('CLAUSEC') or (root .. '/target/debug/clausec'), 'lsp' }, root_dir = root })
vim.lsp.buf_attach_client(buf, id)
vim.wait(10000, function() return vim.lsp.get_client_by_id(id) ~= nil end)
local client, failed = vim.lsp.get_client_by_id(id), 0
local function check(ok, what)
  print((ok and 'ok   ' or 'FAIL ') .. what)
  if not ok then failed = failed + 1 end
end
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local function after(text) -- the line of `text`, and the column after it
  for i, line in ipairs(lines) do
    local at = line:find(text, 1, true)
    if at then return i - 1, at - 1 + #text end
  end
end
local function labels_at(line, character)
  local answer = client.request_sync('textDocument/completion',
    { textDocument = { uri = uri }, position = { line = line, character = character } }, 10000, buf)
  local found = {}
  for _, item in ipairs((answer and answer.result) or {}) do found[item.label] = true end
  return found
end
local verbs = labels_at(after('severance: company '))
check(verbs['pays PARTY AMOUNT'] and not verbs['employee'], 'after a party: the verbs, no party')
local terms = labels_at(after('    in six (6)'), 4)
check(terms['in COUNT equal FREQUENCY installments'] and not terms['party NAME "Legal name"'], 'a line of terms: no header words')
local hints = client.request_sync('textDocument/inlayHint', { textDocument = { uri = uri },
  range = { start = { line = 0, character = 0 }, ['end'] = { line = #lines, character = 0 } } }, 10000, buf)
local short = false
for _, hint in ipairs((hints and hints.result) or {}) do
  short = short or hint.label == '→ 6 × $20,833.33, last $20,833.35, Sep 30, 2002 – Feb 28, 2003'
end
check(short, 'the short hint of 2(b)')
client.stop()
vim.cmd(failed == 0 and 'qall!' or 'cquit! 1')
