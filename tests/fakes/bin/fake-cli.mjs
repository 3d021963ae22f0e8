#!/usr/bin/env node
// A stand-in for claude / gemini / kilo: reads the prompt from stdin and behaves per FAKE_CLI_MODE:
//   echo (default) — answers "<name> got: <prompt>" and lists its arguments on stderr;
//   slow — starts a grandchild, writes both pids to FAKE_CLI_PIDS, then waits forever;
//   fail — writes to stderr and exits 2;  auth — says it is not logged in and exits 1;
//   big  — writes 40 MB of text.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const name = path.basename(process.argv[1]);
const mode = process.env.FAKE_CLI_MODE ?? 'echo';
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  if (mode === 'slow') {
    const grandchild = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
    writeFileSync(process.env.FAKE_CLI_PIDS, JSON.stringify([process.pid, grandchild.pid]));
    setTimeout(() => {}, 600_000);
    return;
  }
  if (mode === 'fail') {
    process.stderr.write(`${name}: model "nope" not found (key sk-live-SHOULDNOTLEAK0123456789)\n`);
    process.exit(2);
  }
  if (mode === 'auth') {
    process.stderr.write('Please log in first: run `claude` and sign in.\n');
    process.exit(1);
  }
  if (mode === 'big') {
    const line = 'x'.repeat(1023) + '\n';
    for (let i = 0; i < 40 * 1024; i += 1) process.stdout.write(line);
    return;
  }
  process.stderr.write(`args: ${JSON.stringify(process.argv.slice(2))}\n`);
  process.stdout.write(`${name} got: ${input}\n`);
});
