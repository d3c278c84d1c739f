#!/usr/bin/env node
// Runs Electronegativity (@doyensec/electronegativity) over the Electron shell, writes its SARIF report,
// and exits 1 on any HIGH or MEDIUM finding that the allow-list does not justify (the tool itself
// exits 0 whatever it finds). Also fails on allow-list entries that no longer match a finding.
//   node scripts/electronegativity.cjs [--input src-main/electron] [--allowlist security/electronegativity-allowlist.json] [--sarif out/electronegativity.sarif]
// Run by `npm test` through tests/unit/electron/electronegativity.test.ts.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: it swaps a module of the tool in require.cache before loading it. */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? path.resolve(args[at + 1]) : path.join(root, fallback);
};
const input = option('input', 'src-main/electron');
const allowlistPath = option('allowlist', 'security/electronegativity-allowlist.json');
const sarifPath = option('sarif', 'out/electronegativity.sarif');

const packageDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json', { paths: [root] }));
const i18nModule = path.join(packageDir, 'dist', 'locales', 'i18n.js');
// The tool's own i18n loader downloads translations from GitHub on every run; the same set-up with the
// English catalogue it ships, offline, is put in its place.
const i18n = createRequire(i18nModule)('i18n');
const offlineI18n = async () => {
  i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: path.dirname(i18nModule), updateFiles: false, objectNotation: true, retryInDefaultLocale: true, register: global });
  i18n.setLocale('en-US');
};
offlineI18n.default = offlineI18n;
require.cache[i18nModule] = { id: i18nModule, filename: i18nModule, loaded: true, exports: offlineI18n };
const run = require(path.join(packageDir, 'dist', 'runner.js'));

async function main() {
  const electronVersion = JSON.parse(fs.readFileSync(require.resolve('electron/package.json', { paths: [root] }), 'utf8')).version;
  fs.mkdirSync(path.dirname(sarifPath), { recursive: true });
  const result = await run({
    input, output: sarifPath, isSarif: true, isRelative: true, isVerbose: false, parserPlugins: [],
    customScan: [],
    // This check downloads Electron's release list; the version is pinned in package.json instead.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    electronVersionOverride: electronVersion,
  }, false);
  const allowlist = JSON.parse(fs.readFileSync(allowlistPath, 'utf8'));
  const used = new Set();
  const unjustified = [];
  for (const issue of result.issues) {
    if (issue.severity.name !== 'HIGH' && issue.severity.name !== 'MEDIUM') continue;
    const file = String(issue.file).split(path.sep).join('/');
    const entry = allowlist.findIndex((a) => a.check === issue.id && a.file === file && typeof a.justification === 'string' && a.justification.trim().length >= 20);
    if (entry >= 0) used.add(entry);
    else unjustified.push(`${issue.severity.name} ${issue.id} ${file}:${issue.location.line} — ${issue.description}`);
  }
  const stale = allowlist.map((a, i) => (used.has(i) ? null : `${a.check} ${a.file}`)).filter((s) => s !== null);
  const total = result.issues.length;
  process.stdout.write(`electronegativity ${electronVersion}: ${total} finding(s), ${used.size} justified, ${unjustified.length} not; SARIF: ${path.relative(root, sarifPath)}\n`);
  for (const line of unjustified) process.stdout.write(`  not justified: ${line}\n`);
  for (const line of stale) process.stdout.write(`  stale allow-list entry (matches nothing): ${line}\n`);
  if (result.errors.some((e) => !e.tolerable)) {
    for (const e of result.errors) process.stdout.write(`  parse error: ${e.file}: ${e.message}\n`);
    return 1;
  }
  return unjustified.length > 0 || stale.length > 0 ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 2;
});
