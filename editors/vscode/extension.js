// Starts `clausec lsp` as the language server for .clause and .scenario files.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("clausec").get("path") || "clausec";
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "clausec",
    "clausec",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "clause" }] }
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
