#!/usr/bin/env node
// A stand-in for claude / gemini / kilo, for what the runner does around any tool (the real
// programs are run in cli-real.test.ts). Reads the prompt from stdin and behaves per FAKE_CLI_MODE:
//   echo (default) — one JSON line: the prompt, its arguments, its working folder and what is in it;
//   slow — starts a grandchild, writes both pids to FAKE_CLI_PIDS, prints one line of Claude Code's
//          stream-json (a text delta "first"), then waits forever;
//   fail — writes to stderr and exits 2;  auth — says it is not logged in and exits 1;
//   big  — writes 40 MB of text.
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const name = path.basename(process.argv[1]);
const mode = process.env.FAKE_CLI_MODE ?? 'echo';
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  if (mode === 'slow') {
    const grandchild = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
    // Leaves a file in its working folder, as a real agent may, to prove the folder goes anyway.
    writeFileSync('notes.txt', 'scratch');
    writeFileSync(process.env.FAKE_CLI_PIDS, JSON.stringify({ pids: [process.pid, grandchild.pid], cwd: process.cwd() }));
    process.stdout.write(
      `${JSON.stringify({ type: 'stream_event', event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'first' } }, parent_tool_use_id: null })}\n`,
    );
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
  process.stdout.write(
    `${JSON.stringify({ name, prompt: input, args: process.argv.slice(2), cwd: process.cwd(), cwdEntries: readdirSync(process.cwd()), marker: process.env.FAKE_CLI_MARKER })}\n`,
  );
});
