// Checks Slack payloads against Slack's own TypeScript models: Block Kit blocks as
// KnownBlock[] and views as View (npm "@slack/types"), Web API request bodies as the method's
// argument type (npm "@slack/web-api", e.g. ChatUpdateArguments), with `tsc --strict --noEmit`.
// Each payload becomes a typed object literal, so a misspelt or unknown field, a wrong value
// or a missing required one is a compile error.
//
//   node slack-payloads.js <file or folder>...
// File names say what a payload is: blocks.<name>.json, view.<name>.json, or
// <family>.<method>.<name>.json for a Web API body (chat.update.summary.json).
// Prints tsc's findings and a summary; exits 1 if anything is wrong.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

function files(target) {
  if (fs.statSync(target).isDirectory())
    return fs.readdirSync(target).sort().flatMap((name) => files(path.join(target, name)));
  return target.endsWith(".json") ? [target] : [];
}

function typeOf(file) {
  const parts = path.basename(file).split(".");
  if (parts[0] === "blocks")
    return { module: "@slack/types", type: "KnownBlock", array: true };
  if (parts[0] === "view")
    return { module: "@slack/types", type: "View", array: false };
  if (parts.length >= 4) {
    const pascal = (s) => s.charAt(0).toUpperCase() + s.slice(1);
    return { module: "@slack/web-api", type: `${pascal(parts[0])}${pascal(parts[1])}Arguments`, array: false };
  }
  throw new Error(`${file}: name it blocks.<name>.json, view.<name>.json or <family>.<method>.<name>.json`);
}

const targets = process.argv.slice(2);
if (targets.length === 0) {
  console.error("usage: node slack-payloads.js <file or folder>...");
  process.exit(2);
}
// Inside this folder, so the generated files resolve the packages from node_modules here.
const work = fs.mkdtempSync(path.join(__dirname, ".check-"));
let code = 1;
try {
  const payloads = targets.flatMap(files);
  const sources = payloads.map((file, i) => {
    const { module, type, array } = typeOf(file);
    const json = fs.readFileSync(file, "utf8");
    JSON.parse(json); // a clear error for a file that is not JSON at all
    const name = `${String(i).padStart(3, "0")}-${path.basename(file, ".json")}.ts`;
    fs.writeFileSync(path.join(work, name),
      `// ${file}\nimport type { ${type} } from "${module}";\nexport const payload: ${type}${array ? "[]" : ""} = ${json.trim()};\n`);
    return name;
  });
  fs.writeFileSync(path.join(work, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, skipLibCheck: true, module: "preserve", moduleResolution: "bundler",
      target: "es2022", lib: ["es2022"], types: [],
    },
    files: sources,
  }, null, 2));
  const tsc = spawnSync(process.execPath, [path.join(__dirname, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(work, "tsconfig.json"), "--pretty", "false"],
    { encoding: "utf8" });
  const output = `${tsc.stdout ?? ""}${tsc.stderr ?? ""}`.trim();
  if (output)
    console.log(output.replace(/\.check-[^/\\]+[/\\]/g, ""));
  if (tsc.error)
    console.log(`slack-payloads: could not run tsc: ${tsc.error.message}`);
  code = tsc.status === 0 && !output && payloads.length > 0 ? 0 : 1;
  console.log(`slack-payloads: ${payloads.length} payload(s) checked, tsc exit ${tsc.status}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(code);
