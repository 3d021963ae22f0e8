#!/usr/bin/env node
// Installs the real Claude Code, Gemini CLI and Kilo CLI (pinned in tests/real-clis/) into a cache
// folder outside the project, once per pinned set, and prints the folder. The CLI provider tests run
// these programs against loopback fakes. They are not devDependencies: they would add ~270 MB of
// downloads and ~780 MB on disk to every `npm ci`, which more than doubles it.
//
//   node scripts/install-real-clis.mjs        → prints e.g. ~/.cache/switchyard/real-clis/3f2a…
//   SWITCHYARD_REAL_CLIS_DIR=/some/dir …       → installs there instead
//
// `npm install` (not `npm ci`): the lockfile pins every package that exists for this platform, and
// npm skips the optional per-platform packages the registry does not have; `npm ci` refuses a
// lockfile without them. The lockfile's integrity hashes are still checked.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pins = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'real-clis');

export function realClisDir() {
  if (process.env.SWITCHYARD_REAL_CLIS_DIR) return path.resolve(process.env.SWITCHYARD_REAL_CLIS_DIR);
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) hash.update(readFileSync(path.join(pins, file)));
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'switchyard', 'real-clis', hash.digest('hex').slice(0, 12));
}

export function installRealClis() {
  const dir = realClisDir();
  const done = path.join(dir, '.installed');
  if (existsSync(done)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(path.join(pins, file), path.join(dir, file));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) throw new Error(`npm install of the real CLIs in ${dir} failed (exit ${result.status ?? result.signal}).`);
  writeFileSync(done, new Date().toISOString());
  return dir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(installRealClis());
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
