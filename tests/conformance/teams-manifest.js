// Validates a Teams app manifest with Microsoft's own validator (npm "@microsoft/teams-manifest")
// against the manifest schema of the version it declares, kept in schemas/ (the validator's
// validateManifest downloads the schema, which does not work offline).
//
//   node teams-manifest.js <manifest.json>
// Prints one line per problem and a summary; exits 1 if anything is wrong.
"use strict";
const fs = require("fs");
const path = require("path");
const { ManifestUtil } = require("@microsoft/teams-manifest");

async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: node teams-manifest.js <manifest.json>");
    return 2;
  }
  const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
  const version = manifest.manifestVersion;
  const schemaFile = path.join(__dirname, "schemas", `MicrosoftTeams.v${version}.schema.json`);
  const problems = [];
  if (!fs.existsSync(schemaFile)) {
    problems.push(`no schema for manifestVersion ${version} in ${path.dirname(schemaFile)}`);
  } else {
    const expectedUrl = `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
    if (manifest.$schema !== expectedUrl)
      problems.push(`$schema is ${manifest.$schema}, expected ${expectedUrl} for manifestVersion ${version}`);
    const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
    problems.push(...await ManifestUtil.validateManifestAgainstSchema(manifest, schema));
  }
  for (const problem of problems)
    console.log(`${file}: ${problem}`);
  console.log(`teams-manifest: manifestVersion ${version}, ${problems.length} problem(s)`);
  return problems.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
  console.log(`teams-manifest: ${e.stack ?? e}`);
  process.exit(1);
});
