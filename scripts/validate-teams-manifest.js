#!/usr/bin/env node
// Validates the Teams app manifest against Microsoft's published JSON schema for its manifestVersion
// (shipped in npm @microsoft/app-manifest). Prints every error and exits 1 when there is any.
// Usage: node scripts/validate-teams-manifest.js [manifest.json]   (default: teams/manifest.template.json,
// with its ${...} placeholders filled the way teams/package.sh fills them).
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv04 = require("ajv-draft-04");
const addFormats = require("ajv-formats");

const root = path.resolve(__dirname, "..");
const file = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, "teams", "manifest.template.json");
let text = fs.readFileSync(file, "utf8");
if (!process.argv[2]) {
  // Sample values of the right shape for the placeholders teams/package.sh replaces.
  const sample = {
    MICROSOFT_APP_ID: "00000000-0000-0000-0000-000000000001",
    TEAMS_APP_ID: "00000000-0000-0000-0000-000000000002",
    DEVELOPER_NAME: "TrustBot operator",
    WEBSITE_URL: "https://example.org",
  };
  text = text.replace(/\$\{([A-Z_]+)\}/g, (whole, name) => (name in sample ? sample[name] : whole));
}
const manifest = JSON.parse(text);
const version = manifest.manifestVersion;
if (typeof version !== "string" || !/^\d+\.\d+$/.test(version)) {
  console.error(`manifestVersion is missing or malformed: ${JSON.stringify(version)}`);
  process.exit(1);
}
const schemaFile = path.join(root, "node_modules", "@microsoft", "app-manifest", "build", "json-schemas", "teams", `v${version}`, "MicrosoftTeams.schema.json");
if (!fs.existsSync(schemaFile)) {
  console.error(`No published schema for manifestVersion ${version} in @microsoft/app-manifest (${schemaFile}).`);
  process.exit(1);
}
const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
const expectedSchemaUrl = `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
const problems = [];
if (manifest.$schema !== expectedSchemaUrl) problems.push(`$schema should be ${expectedSchemaUrl} for manifestVersion ${version}`);

// Microsoft's schema is draft-04; strict mode off because it uses keywords ajv's strict mode rejects (e.g. unknown formats' hints).
const ajv = new Ajv04({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
if (!validate(manifest)) {
  for (const e of validate.errors) problems.push(`${e.instancePath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`);
}
if (problems.length > 0) {
  console.error(`${path.relative(root, file)} does not validate against the Teams v${version} schema:`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`${path.relative(root, file)} validates against the Teams v${version} schema.`);
