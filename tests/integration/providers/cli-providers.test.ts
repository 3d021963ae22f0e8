// What the runner does around any CLI tool, with a fake executable standing in for claude / gemini /
// kilo: prompt on stdin, an empty working folder of each run's own (gone when the run ends), the
// install hint, stderr on failure, runaway output, and no process or folder left behind after a
// timeout, a cancel or a reader that stops early. What
// the real programs accept and print is proven against them in cli-real.test.ts.
import { chmod, mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { transcript } from '../../../electron/providers/cli/cli-provider';
import { runCliLines } from '../../../electron/providers/cli/runner';
import { CLI_INVOCATIONS } from '../../../electron/providers/cli/tools';
import { createProvider } from '../../../electron/providers/factory';
import { clearKnownSecrets } from '../../../electron/secrets/redact';

const script = path.resolve(import.meta.dirname, '../../fakes/bin/fake-cli.mjs');

const gone = (folder: string) => expect(stat(folder)).rejects.toMatchObject({ code: 'ENOENT' });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Echo {
  name: string;
  prompt: string;
  args: string[];
  cwd: string;
  cwdEntries: string[];
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

  async function echo(key: string, runEnv: NodeJS.ProcessEnv): Promise<Echo> {
    const invocation = CLI_INVOCATIONS[key]!;
    const lines: string[] = [];
    const run = runCliLines({
      tool: invocation.tool,
      args: invocation.args('some-model'),
      stdin: transcript([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello there' },
      ]),
      env: runEnv,
    });
    for (let next = await run.next(); ; next = await run.next()) {
      if (next.done) {
        expect(next.value).toMatchObject({ code: 0, stderr: '' });
        break;
      }
      lines.push(next.value);
    }
    expect(lines).toHaveLength(1);
    return JSON.parse(lines[0]!) as Echo;
  }

  it.each(['claude-code', 'gemini-cli', 'kilocli'])(
    '%s gets the prompt on stdin (never in argv) and runs in an empty folder of its own, removed when it ends',
    async (key) => {
      const seen = await echo(key, env());
      expect(seen.prompt).toBe('Be brief.\n\nHello there');
      expect(seen.args.join(' ')).not.toContain('Hello');
      expect(seen.args).toContain('some-model');
      expect(seen.cwd).not.toBe(process.cwd());
      expect(seen.cwdEntries).toEqual([]);
      await gone(seen.cwd);
      const next = await echo(key, env());
      expect(next.cwd).not.toBe(seen.cwd);
    },
  );

  it('builds a transcript for multi-turn history, and names no model for the default', () => {
    expect(
      transcript([
        { role: 'system', content: 'S' },
        { role: 'user', content: 'u1' },
        { role: 'assistant', content: 'a1' },
        { role: 'user', content: 'u2' },
      ]),
    ).toBe('[system]\nS\n\n[user]\nu1\n\n[assistant]\na1\n\n[user]\nu2\n\n[assistant]');
    for (const invocation of Object.values(CLI_INVOCATIONS))
      expect(invocation.args('').filter((a) => a === '--model' || a === '-m')).toEqual([]);
  });

  it('says how to install a tool that is missing, and honours the *_PATH override', async () => {
    await expect(
      createProvider('gemini-cli', { env: { PATH: '/nonexistent' } }).chat({ model: '', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({ errorClass: 'not_available', message: expect.stringContaining('npm install -g @google/gemini-cli') });
    expect((await echo('gemini-cli', { PATH: path.dirname(process.execPath), GEMINI_CLI_PATH: path.join(bin, 'gemini') })).name).toBe(
      'gemini',
    );
  });

  it('refuses a Kilo model without its provider before starting anything', async () => {
    const pids = path.join(bin, 'pids-kilo.json');
    await expect(
      createProvider('kilocli', { env: env({ FAKE_CLI_MODE: 'slow', FAKE_CLI_PIDS: pids }) }).chat({
        model: 'gpt-5',
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toMatchObject({
      errorClass: 'bad_request',
      message: expect.stringContaining('Kilo names models "provider/model", not "gpt-5"'),
    });
    await expect(readFile(pids)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports a failing tool with its scrubbed stderr, and a signed-out tool as an auth problem', async () => {
    const failed = (await createProvider('claude-code', { env: env({ FAKE_CLI_MODE: 'fail' }) })
      .chat({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e)) as Error & { errorClass: string };
    expect(failed.errorClass).toBe('server');
    expect(failed.message).toMatch(/exited with 2\. Stderr: claude: model "nope" not found/);
    expect(failed.message).not.toContain('SHOULDNOTLEAK');
    await expect(
      createProvider('claude-code', { env: env({ FAKE_CLI_MODE: 'auth' }) }).chat({
        model: '',
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toMatchObject({ errorClass: 'auth', message: expect.stringContaining('not be signed in') });
  });

  it('stops a runaway output instead of filling memory', async () => {
    await expect(
      createProvider('kilocli', { env: env({ FAKE_CLI_MODE: 'big' }) }).chat({ model: '', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toThrow(/more than 32 MB/);
  }, 30_000);

  for (const ending of ['timeout', 'cancel', 'a reader that stops early'] as const) {
    it(`leaves no process and no folder behind after ${ending} (the tool and its helper, by pid)`, async () => {
      const pids = path.join(bin, `pids-${ending.replace(/ /g, '-')}.json`);
      const controller = new AbortController();
      const provider = createProvider('claude-code', {
        env: env({ FAKE_CLI_MODE: 'slow', FAKE_CLI_PIDS: pids }),
        options: ending === 'timeout' ? { timeoutMs: 1_500 } : {},
      });
      const events = provider
        .stream({ model: '', messages: [{ role: 'user', content: 'x' }], signal: controller.signal })
        [Symbol.asyncIterator]();
      // The tool's first line streams out while it is still running.
      expect(await events.next()).toEqual({ done: false, value: { type: 'text', delta: 'first' } });
      const { pids: started, cwd } = JSON.parse(await readFile(pids, 'utf8')) as { pids: number[]; cwd: string };
      expect(started.every(alive)).toBe(true);
      if (ending === 'a reader that stops early') {
        await events.return?.();
      } else {
        if (ending === 'cancel') controller.abort();
        const error = (await events.next().then(
          () => new Error('should not answer'),
          (e: unknown) => e as Error & { errorClass?: string },
        )) as Error & { errorClass?: string };
        if (ending === 'timeout')
          expect(error).toMatchObject({ errorClass: 'timeout', message: expect.stringContaining('did not finish within 2 s') });
        else expect(error.name).toBe('AbortError');
      }
      await vi.waitFor(() => expect(started.filter(alive)).toEqual([]), { timeout: 50_000, interval: 50 });
      // The folder goes once the tool has exited, with what it wrote there.
      await vi.waitFor(() => gone(cwd), { timeout: 50_000, interval: 50 });
    }, 20_000);
  }
});
