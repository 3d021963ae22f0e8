#!/usr/bin/env node
// The `switchyard` command: runs the built CLI (npm run build makes dist/cli.mjs).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(cli)) {
  console.error('switchyard: the CLI is not built yet. Run `npm run build` in the Switchyard folder (or use `npm run cli -- <args>`).');
  process.exit(1);
}
await import(cli.href);
