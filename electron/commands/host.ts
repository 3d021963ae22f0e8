// The CLI's host: the same services as the app, on the same data folder and keychain service.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HostContext } from '../host/context';
import { defaultDataDir } from '../config/paths';
import { appVersion } from '../version';
import { reportError } from './exit-codes';

export function cliHost(dataDir = defaultDataDir()): HostContext {
  return new HostContext({
    dataDir,
    keychainService: process.env.SWITCHYARD_KEYCHAIN_SERVICE ?? 'Switchyard',
    transport: 'cli',
    appVersion,
    electronVersion: null,
  });
}

/** A throwaway host (temp data folder) for commands that work from env-var keys alone. */
export async function withScratchHost<T>(fn: (ctx: HostContext) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-cli-'));
  const ctx = cliHost(dir);
  try {
    return await fn(ctx);
  } finally {
    await ctx.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs a command on the real data folder; failures print their message and set the exit code. */
export async function runWithHost(fn: (ctx: HostContext) => Promise<void>): Promise<void> {
  const ctx = cliHost();
  try {
    await fn(ctx);
  } catch (error) {
    process.exitCode = reportError(error);
  } finally {
    await ctx.dispose();
  }
}
