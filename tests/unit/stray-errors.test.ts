import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clearKnownSecrets, registerSecret } from '../../electron/secrets/redact';
import { keepServingOnStrayErrors } from '../../electron/stray-errors';

const root = path.resolve(import.meta.dirname, '../..');

describe('the policy for errors nothing handled', () => {
  afterEach(() => clearKnownSecrets());

  it('logs a stray rejection and exception with the host name, scrubbed of known keys and key shapes', () => {
    const proc = new EventEmitter();
    const lines: string[] = [];
    keepServingOnStrayErrors('browser mode', (line) => lines.push(line), proc);
    registerSecret('plain-secret-value-42');
    proc.emit('unhandledRejection', new Error('provider said plain-secret-value-42'));
    proc.emit('uncaughtException', new Error('echoed sk-abcdefghijklmnop0123'));
    proc.emit('unhandledRejection', { reason: 'not an Error', key: 'ghp_abcdefghijklmnop' });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^Switchyard browser mode: a promise failed and nothing handled it; still running\. Error: provider said \[REDACTED\]/,
    );
    expect(lines[1]).toContain('an error escaped every handler; still running. Error: echoed [REDACTED]');
    expect(lines[2]).toContain('{"reason":"not an Error","key":"[REDACTED]"}');
    expect(lines.join('\n')).not.toMatch(/plain-secret|sk-abc|ghp_abc/);
  });

  it('installing it again replaces the earlier handlers, and it can be removed', () => {
    const proc = new EventEmitter();
    keepServingOnStrayErrors('one', () => undefined, proc);
    const remove = keepServingOnStrayErrors('two', () => undefined, proc);
    expect(proc.listenerCount('unhandledRejection')).toBe(1);
    expect(proc.listenerCount('uncaughtException')).toBe(1);
    remove();
    expect(proc.listenerCount('unhandledRejection')).toBe(0);
  });

  it('a log that cannot be written does not become a crash of its own', () => {
    const proc = new EventEmitter();
    keepServingOnStrayErrors(
      'CLI',
      () => {
        throw new Error('EPIPE');
      },
      proc,
    );
    expect(() => proc.emit('uncaughtException', new Error('x'))).not.toThrow();
  });

  it('the CLI finishes its command and exits 0 when a stray promise fails, logging it scrubbed', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-stray-cli-'));
    try {
      const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [
            '--import',
            'tsx',
            '--import',
            path.join(root, 'tests/fakes/bin/stray-rejection.mjs'),
            path.join(root, 'electron/cli.ts'),
            'providers',
            'list',
            '--json',
          ],
          { env: { PATH: process.env.PATH, HOME: home, SWITCHYARD_HOME: home, SWITCHYARD_TEST_STRAY_AT_EXIT: '1' }, timeout: 30_000 },
          (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
      expect(JSON.parse(run.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'openai' })]));
      expect(run.stderr).toContain(
        'Switchyard CLI: a promise failed and nothing handled it; still running. Error: stray failure while using [REDACTED]',
      );
      expect(run.stderr).not.toContain('sk-stray');
      expect(run.code).toBe(0);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
