// Runs a CLI tool as a provider: find the binary, write the prompt to stdin (never argv, so it
// stays out of `ps`), hand back stdout line by line as it arrives, one timer around the whole call,
// and on timeout, cancel or an abandoned stream kill the whole process tree (the CLIs start helpers
// of their own: Gemini CLI relaunches itself, Kilo's launcher starts its binary). The tool runs in
// an empty folder of its own, so that nothing of the app's working directory (a CLAUDE.md, a
// project's .gemini settings, files its read tools could open) slips into a chat.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ProviderError, sanitizeApiError } from '../../http/errors';
import { sizeText } from '../../http/limits';
import { MAX_CLI_OUTPUT_BYTES, MAX_CLI_STDERR_BYTES } from '../limits';

export const CLI_DEFAULT_TIMEOUT_MS = 120_000;
/** How long a tool has to exit after SIGTERM before it gets SIGKILL. */
const KILL_GRACE_MS = 2_000;

export interface CliTool {
  /** "Claude Code" */
  name: string;
  /** "claude" */
  binary: string;
  /** "CLAUDE_CODE_PATH" */
  pathEnv: string;
  /** How to install it, for the "not installed" error. */
  installHint: string;
}

/** The override env var (trimmed), else the first executable named `binary` on PATH. */
export function findBinary(tool: CliTool, env: NodeJS.ProcessEnv): string | null {
  const override = env[tool.pathEnv]?.trim();
  const candidates = override
    ? [override]
    : (env.PATH ?? '')
        .split(path.delimiter)
        .filter(Boolean)
        .flatMap((dir) =>
          process.platform === 'win32'
            ? ['.exe', '.cmd', ''].map((ext) => path.join(dir, tool.binary + ext))
            : [path.join(dir, tool.binary)],
        );
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export interface CliRun {
  tool: CliTool;
  args: string[];
  stdin: string;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** How the tool ended when it ended on its own. */
export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  binary: string;
  /** Its stderr, scrubbed of secrets and cut to 512 characters. */
  stderr: string;
}

function killTree(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32')
      spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => undefined);
    // A negative pid signals the whole process group the child leads (it was spawned detached).
    else process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts the tool and yields each line of its stdout as it arrives; returns how it exited. Throws
 * for what the caller cannot read from the output: not installed, timeout, cancel, runaway output.
 * A caller that stops reading early ends the run: the tool and its helpers are killed.
 */
export async function* runCliLines(run: CliRun): AsyncGenerator<string, CliExit> {
  const { tool } = run;
  const binary = findBinary(tool, run.env);
  if (!binary) {
    throw new ProviderError(
      `${tool.name} is not installed: no \`${tool.binary}\` on PATH${run.env[tool.pathEnv] ? ` and ${tool.pathEnv} does not point to an executable` : ''}. ${tool.installHint} Or set ${tool.pathEnv} to its path.`,
      { provider: tool.name, errorClass: 'not_available' },
    );
  }
  if (run.signal?.aborted) throw Object.assign(new Error(`${tool.name} was stopped.`), { name: 'AbortError' });
  const timeoutMs = run.timeoutMs ?? CLI_DEFAULT_TIMEOUT_MS;
  // An empty folder of the run's own: the tool works there, not in the user's folders, and whatever
  // it leaves there goes when it exits (a folder per app process lasted until a clean exit only, so
  // every killed process left one behind).
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-cli-'));
  const removeWorkDir = () => rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  const child = spawn(binary, run.args, {
    env: run.env,
    cwd: workDir,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.on('error', (error) => resolve({ code: null, signal: null, error }));
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  let stopped: 'timeout' | 'cancelled' | 'too-large' | 'abandoned' | null = null;
  const stop = (why: NonNullable<typeof stopped>) => {
    if (stopped) return;
    stopped = why;
    killTree(child.pid, 'SIGTERM');
    // Anything that ignores SIGTERM gets SIGKILL shortly after.
    setTimeout(() => killTree(child.pid, 'SIGKILL'), KILL_GRACE_MS).unref();
  };
  const timer = setTimeout(() => stop('timeout'), timeoutMs);
  const onAbort = () => stop('cancelled');
  run.signal?.addEventListener('abort', onAbort, { once: true });

  let size = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_CLI_OUTPUT_BYTES) stop('too-large');
  });
  const stderr: Buffer[] = [];
  let stderrSize = 0;
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderrSize >= MAX_CLI_STDERR_BYTES) return;
    stderr.push(chunk);
    stderrSize += chunk.length;
  });
  child.stdin.on('error', () => undefined);
  child.stdin.end(run.stdin, 'utf8');

  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  try {
    // Once stopped, lines are still read (and dropped) so the pipe drains and the tool can exit.
    for await (const line of lines) if (!stopped) yield line;
    const ended = await exited;
    const errText = sanitizeApiError(Buffer.concat(stderr).toString('utf8').trim()).slice(0, 512);
    if (ended.error)
      throw new ProviderError(`Failed to start ${tool.name} at ${binary}: ${ended.error.message}. ${tool.installHint}`, {
        provider: tool.name,
        errorClass: 'not_available',
        cause: ended.error,
      });
    if (stopped === 'timeout')
      throw new ProviderError(`${tool.name} did not finish within ${Math.round(timeoutMs / 1000)} s (binary: ${binary}); it was stopped.`, {
        provider: tool.name,
        errorClass: 'timeout',
      });
    if (stopped === 'cancelled') throw Object.assign(new Error(`${tool.name} was stopped.`), { name: 'AbortError' });
    if (stopped === 'too-large')
      throw new ProviderError(`${tool.name} wrote more than ${sizeText(MAX_CLI_OUTPUT_BYTES)}; it was stopped.`, {
        provider: tool.name,
        errorClass: 'server',
      });
    return { code: ended.code, signal: ended.signal, binary, stderr: errText };
  } finally {
    clearTimeout(timer);
    run.signal?.removeEventListener('abort', onAbort);
    lines.close();
    // Still running here means the caller stopped reading (or something above threw): end it.
    if (child.exitCode === null && child.signalCode === null) {
      stop('abandoned');
      child.stdout.destroy();
      void exited.then(removeWorkDir);
    } else await removeWorkDir();
  }
}
