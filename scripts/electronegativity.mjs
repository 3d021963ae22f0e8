// Runs electronegativity over electron/ offline and judges its findings: anything above
// informational fails, unless accepted below with the reason (and a comment beside the code).
// The tool's CLI cannot run offline (it fetches translations and fixes and then crashes), so this
// calls its programmatic runner with AvailableSecurityFixesGlobalCheck (which needs the network)
// excluded, in a child process with a time limit, and writes the report itself.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const report = path.join(root, 'test-results', 'electronegativity.csv');
mkdirSync(path.dirname(report), { recursive: true });

/** Findings we accept, with why. Key: "CHECK file". */
const ACCEPTED = {
  'OPEN_EXTERNAL_JS_CHECK main/navigation.ts':
    'openExternal is only reached through isAllowedExternalUrl (https, allow-listed hosts) or isGitHubDevicePage (https, github.com or the Enterprise host of a running sign-in, /login/device, no query) (tested in electron-main.test.ts and electron-hardening.test.ts).',
  'CSP_GLOBAL_CHECK main/csp.ts':
    'the policy is built by appCsp(); the scanner cannot parse a computed header. Its content is asserted in electron-main.test.ts (no unsafe-eval, no inline, connect-src none).',
  'PRELOAD_JS_CHECK main/secure-window.ts':
    'every window (main and sign-in) gets the one preload: a sandboxed bundle exposing only invoke/on for contract method and event names (tested in electron-main.test.ts).',
};

const runner = `
const run = require(${JSON.stringify(path.join(root, 'node_modules/@doyensec/electronegativity'))});
run({ input: ${JSON.stringify(path.join(root, 'electron'))}, output: ${JSON.stringify(path.join(root, 'test-results', 'electronegativity-raw.csv'))}, isSarif: false, isRelative: true, excludeFromScan: ['AvailableSecurityFixesGlobalCheck'], electronVersionOverride: '45.4.1' }, false)
  .then((result) => { process.stdout.write(JSON.stringify({ errors: result.errors.length, issues: result.issues.map((i) => ({ check: i.id, severity: i.severity.name, confidence: i.confidence.name, file: i.file, line: i.location.line, description: i.description })) })); process.exit(0); },
        (error) => { process.stderr.write(String(error)); process.exit(3); });
`;
const child = spawnSync(process.execPath, ['-e', runner], { timeout: 90_000, encoding: 'utf8' });
const json = child.stdout.slice(child.stdout.indexOf('{'));
if (child.status !== 0 || !json) {
  console.error(`electronegativity did not finish: ${child.stderr || child.error?.message || 'no output'}`);
  process.exit(1);
}
const { issues, errors } = JSON.parse(json);
writeFileSync(
  report,
  [
    'check,severity,confidence,file,line,description',
    ...issues.map((i) => [i.check, i.severity, i.confidence, i.file, i.line, JSON.stringify(i.description)].join(',')),
  ].join('\n') + '\n',
);
const serious = issues.filter((i) => i.severity !== 'INFORMATIONAL');
const unaccepted = serious.filter((i) => !ACCEPTED[`${i.check} ${i.file}`]);
for (const i of serious)
  console.log(
    `${ACCEPTED[`${i.check} ${i.file}`] ? 'accepted' : 'FINDING '} ${i.severity} ${i.check} ${i.file}:${i.line} — ${ACCEPTED[`${i.check} ${i.file}`] ?? i.description}`,
  );
console.log(
  `electronegativity: ${issues.length} findings, ${serious.length} above informational, ${unaccepted.length} not accepted, ${errors} files it could not parse (report: ${path.relative(root, report)})`,
);
process.exit(unaccepted.length === 0 ? 0 : 1);
