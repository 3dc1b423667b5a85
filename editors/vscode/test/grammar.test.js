// Tokenises every bundled clause and scenario file with vscode-textmate (the
// library VS Code uses) and checks the grammar: every keyword, date, amount,
// percentage and clause number gets its scope, and no text is left unscoped.
const fs = require("fs");
const path = require("path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const root = path.join(__dirname, "..", "..", "..");
const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
const onigLib = oniguruma.loadWASM(wasm).then(() => ({
  createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
  createOnigString: (s) => new oniguruma.OnigString(s),
}));
const registry = new vsctm.Registry({
  onigLib,
  loadGrammar: async () =>
    vsctm.parseRawGrammar(
      fs.readFileSync(path.join(__dirname, "..", "syntaxes", "clause.tmLanguage.json"), "utf8"),
      "clause.tmLanguage.json"
    ),
});

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return /\.(clause|scenario)$/.test(entry.name) ? [full] : [];
  });
}

// What must be scoped how: a pattern in the text and the scope it must get.
const expectations = [
  [/(US\$|\$|€|£|\b[A-Z]{3} +)\d[\d,]*(\.\d+)?/g, "constant.numeric.money"],
  [/\b\d+(\.\d+)?%/g, "constant.numeric.percentage"],
  [/\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}/g, "constant.numeric.date"],
  [/\b\d{4}-\d{2}-\d{2}\b/g, "constant.numeric.date"],
  [/(?<=^clause )[0-9A-Za-z_.-]+(\([0-9a-z]+\))*/g, "entity.name.section"],
  [/\b(pays|provides|reimburses|performs|notifies|releases|quote|assume|party|fact|scenario|agreement)\b/g, "keyword"],
];

(async () => {
  const grammar = await registry.loadGrammar("source.clause");
  let failures = [];
  let checked = 0;
  const all = files(path.join(root, "clauses"));
  for (const file of all) {
    let ruleStack = vsctm.INITIAL;
    const lines = fs.readFileSync(file, "utf8").split(/\r?\n/);
    lines.forEach((line, n) => {
      const result = grammar.tokenizeLine(line, ruleStack);
      ruleStack = result.ruleStack;
      const scopeAt = (i) => {
        const token = result.tokens.find((t) => t.startIndex <= i && i < t.endIndex);
        return token ? token.scopes : [];
      };
      for (const token of result.tokens) {
        const text = line.slice(token.startIndex, token.endIndex);
        if (text.trim() !== "" && token.scopes.length < 2) {
          failures.push(`${path.relative(root, file)}:${n + 1}: unscoped \`${text}\``);
        }
      }
      // Only outside quotes and comments: inside them everything is text.
      for (const [pattern, scope] of expectations) {
        for (const match of line.matchAll(pattern)) {
          const scopes = scopeAt(match.index);
          if (scopes.some((s) => s.startsWith("string.") || s.startsWith("comment."))) continue;
          checked++;
          if (!scopes.some((s) => s.startsWith(scope))) {
            failures.push(`${path.relative(root, file)}:${n + 1}: \`${match[0]}\` is ${scopes.join(" ")}, not ${scope}`);
          }
        }
      }
    });
  }
  if (failures.length > 0) {
    console.error(failures.slice(0, 40).join("\n"));
    console.error(`0 passed, ${failures.length} failed`);
    process.exit(1);
  }
  console.log(`tokenised ${all.length} files; ${checked} keywords, dates, amounts and clause numbers scoped`);
  console.log(`${all.length} passed, 0 failed`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
