// Runs a CLI tool as a provider: find the binary, write the prompt to stdin (never argv, so it
// stays out of `ps`), one timer around the whole call, and on timeout or cancel kill the whole
// process group (the CLIs start helpers of their own). stderr, scrubbed, goes into the error.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { ProviderError, sanitizeApiError } from '../errors';
import { MAX_CLI_OUTPUT_BYTES, MAX_CLI_STDERR_BYTES, sizeText } from '../limits';

export const CLI_DEFAULT_TIMEOUT_MS = 120_000;

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
  const candidates = override ? [override] : (env.PATH ?? '').split(path.delimiter).filter(Boolean).flatMap((dir) => (process.platform === 'win32' ? ['.exe', '.cmd', ''].map((ext) => path.join(dir, tool.binary + ext)) : [path.join(dir, tool.binary)]));
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

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    // A negative pid signals the whole process group the child leads (it was spawned detached).
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // already gone
  }
}

export function runCli(run: CliRun): Promise<string> {
  const { tool } = run;
  const binary = findBinary(tool, run.env);
  if (!binary) {
    return Promise.reject(new ProviderError(`${tool.name} is not installed: no \`${tool.binary}\` on PATH${run.env[tool.pathEnv] ? ` and ${tool.pathEnv} does not point to an executable` : ''}. ${tool.installHint} Or set ${tool.pathEnv} to its path.`, { provider: tool.name, errorClass: 'not_available' }));
  }
  const timeoutMs = run.timeoutMs ?? CLI_DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(binary, run.args, { env: run.env, stdio: ['pipe', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    let stderrSize = 0;
    let settled = false;
    let reason: 'timeout' | 'cancelled' | 'too-large' | null = null;
    const stop = (why: typeof reason) => {
      if (reason) return;
      reason = why;
      killGroup(child.pid, 'SIGTERM');
      // Anything that ignores SIGTERM gets SIGKILL shortly after.
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), 2_000).unref();
    };
    const timer = setTimeout(() => stop('timeout'), timeoutMs);
    const onAbort = () => stop('cancelled');
    run.signal?.addEventListener('abort', onAbort, { once: true });
    if (run.signal?.aborted) onAbort();
    const finish = (error: Error | null, text?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(text!);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // A runaway tool must not fill memory: beyond the cap, output is cut and the call fails.
      if (size > MAX_CLI_OUTPUT_BYTES) return stop('too-large');
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderrSize >= MAX_CLI_STDERR_BYTES) return;
      stderrSize += chunk.length;
      stderr.push(chunk);
    });
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => finish(new ProviderError(`Failed to start ${tool.name} at ${binary}: ${error.message}. ${tool.installHint}`, { provider: tool.name, errorClass: 'not_available', cause: error })));
    child.on('close', (code, signal) => {
      const errText = sanitizeApiError(Buffer.concat(stderr).toString('utf8').trim()).slice(0, 512);
      if (reason === 'timeout') return finish(new ProviderError(`${tool.name} did not finish within ${Math.round(timeoutMs / 1000)} s (binary: ${binary}); it was stopped.`, { provider: tool.name, errorClass: 'timeout' }));
      if (reason === 'cancelled') return finish(Object.assign(new Error(`${tool.name} was stopped.`), { name: 'AbortError' }));
      if (reason === 'too-large') return finish(new ProviderError(`${tool.name} wrote more than ${sizeText(MAX_CLI_OUTPUT_BYTES)}; it was stopped.`, { provider: tool.name, errorClass: 'server' }));
      if (code !== 0) {
        const auth = /log ?in|auth|credential|api key/i.test(errText);
        return finish(new ProviderError(`${tool.name} exited with ${code ?? signal}. ${auth ? 'It may not be signed in: run it once in a terminal. ' : ''}${errText ? `Stderr: ${errText}` : ''}`.trim(), { provider: tool.name, errorClass: auth ? 'auth' : 'server' }));
      }
      finish(null, Buffer.concat(stdout).toString('utf8').trim());
    });
    child.stdin.end(run.stdin, 'utf8');
  });
}
