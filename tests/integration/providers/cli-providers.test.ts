import { chmod, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { transcript } from '../../../electron/providers/cli/cli-provider';
import { createProvider } from '../../../electron/providers/factory';
import { clearKnownSecrets } from '../../../electron/secrets/redact';

const script = path.resolve(import.meta.dirname, '../../fakes/bin/fake-cli.mjs');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('CLI-backed providers with fake claude / gemini / kilo on PATH', () => {
  let bin: string;
  const env = (extra: Record<string, string> = {}) => ({ PATH: `${bin}${path.delimiter}${process.env.PATH}`, ...extra });
  beforeAll(async () => {
    bin = await mkdtemp(path.join(os.tmpdir(), 'switchyard-fake-cli-'));
    await chmod(script, 0o755);
    for (const name of ['claude', 'gemini', 'kilo']) await symlink(script, path.join(bin, name));
  });
  afterAll(async () => {
    clearKnownSecrets();
    await rm(bin, { recursive: true, force: true });
  });

  it.each([
    ['claude-code', 'claude', ['-p', '--output-format', 'text', '--model', 'sonnet']],
    ['gemini-cli', 'gemini', ['--output-format', 'text', '-m', 'sonnet']],
    ['kilocli', 'kilo', ['run', '--auto', '--model', 'sonnet']],
  ])('%s sends the prompt on stdin (not argv) and returns the answer', async (key, binary) => {
    const response = await createProvider(key, { env: env() }).chat({ model: 'sonnet', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello there' }] });
    expect(response.text).toBe(`${binary} got: Be brief.\n\nHello there`);
    expect(response.finishReason).toBe('stop');
  });

  it('passes no --model for "default", and builds a transcript for multi-turn history', async () => {
    expect(transcript([{ role: 'system', content: 'S' }, { role: 'user', content: 'u1' }, { role: 'assistant', content: 'a1' }, { role: 'user', content: 'u2' }])).toBe('[system]\nS\n\n[user]\nu1\n\n[assistant]\na1\n\n[user]\nu2\n\n[assistant]');
    expect((await createProvider('claude-code', { env: env() }).chat({ model: 'default', messages: [{ role: 'user', content: 'x' }] })).text).toBe('claude got: x');
  });

  it('says how to install a tool that is missing, and honours the *_PATH override', async () => {
    await expect(createProvider('gemini-cli', { env: { PATH: '/nonexistent' } }).chat({ model: '', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ errorClass: 'not_available', message: expect.stringContaining('npm install -g @google/gemini-cli') });
    const viaOverride = await createProvider('gemini-cli', { env: { PATH: process.env.PATH!, GEMINI_CLI_PATH: path.join(bin, 'gemini') } }).chat({ model: '', messages: [{ role: 'user', content: 'hi' }] });
    expect(viaOverride.text).toBe('gemini got: hi');
  });

  it('reports a failing tool with its scrubbed stderr, and a signed-out tool as an auth problem', async () => {
    const failed = (await createProvider('claude-code', { env: env({ FAKE_CLI_MODE: 'fail' }) }).chat({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e)) as Error & { errorClass: string };
    expect(failed.errorClass).toBe('server');
    expect(failed.message).toMatch(/exited with 2\. Stderr: claude: model "nope" not found/);
    expect(failed.message).not.toContain('SHOULDNOTLEAK');
    await expect(createProvider('claude-code', { env: env({ FAKE_CLI_MODE: 'auth' }) }).chat({ model: '', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ errorClass: 'auth', message: expect.stringContaining('not be signed in') });
  });

  it('stops a runaway output instead of filling memory', async () => {
    await expect(createProvider('kilocli', { env: env({ FAKE_CLI_MODE: 'big' }) }).chat({ model: '', messages: [{ role: 'user', content: 'x' }] })).rejects.toThrow(/more than 32 MB/);
  }, 30_000);

  for (const ending of ['timeout', 'cancel'] as const) {
    it(`leaves no process behind after a ${ending} (the tool and its helper, by pid)`, async () => {
      const pids = path.join(bin, `pids-${ending}.json`);
      const controller = new AbortController();
      const provider = createProvider('claude-code', { env: env({ FAKE_CLI_MODE: 'slow', FAKE_CLI_PIDS: pids }), options: ending === 'timeout' ? { timeoutMs: 1_500 } : {} });
      const pending = provider.chat({ model: '', messages: [{ role: 'user', content: 'x' }], signal: controller.signal }).then(
        () => new Error('should not answer'),
        (e: unknown) => e as Error & { errorClass?: string },
      );
      const started = await vi.waitFor(async () => JSON.parse(await readFile(pids, 'utf8')) as number[], { timeout: 10_000, interval: 50 });
      expect(started.every(alive)).toBe(true);
      if (ending === 'cancel') controller.abort();
      const error = await pending;
      if (ending === 'timeout') expect(error).toMatchObject({ errorClass: 'timeout', message: expect.stringContaining('did not finish within 2 s') });
      else expect(error.name).toBe('AbortError');
      await vi.waitFor(() => expect(started.filter(alive)).toEqual([]), { timeout: 5_000, interval: 50 });
    }, 20_000);
  }
});
