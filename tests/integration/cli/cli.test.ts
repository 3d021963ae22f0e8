import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorReply, sseReply, sseStream, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { savedProfile } from '../../helpers/saved-profile';
import { CLI_ENTRY } from '../../helpers/cli-entry';

const KEY = 'sk-cli-test-0123456789abcdefghijklmnopq';

function cli(
  args: string[],
  env: Record<string, string>,
  home: string,
  stdin?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [...CLI_ENTRY, ...args],
      {
        env: {
          PATH: process.env.PATH,
          HOME: home,
          SWITCHYARD_HOME: home,
          ...(process.env.DBUS_SESSION_BUS_ADDRESS && { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS }),
          ...env,
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(stdin ?? '');
  });
}

describe('switchyard CLI', () => {
  let fake: FakeOpenAI;
  let home: string;
  beforeEach(async () => {
    fake = await startFakeOpenAI();
    home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-cli-test-'));
  });
  afterEach(async () => {
    await fake.close();
    await rm(home, { recursive: true, force: true });
  });

  it('lists providers as JSON', async () => {
    const { code, stdout } = await cli(['providers', 'list', '--json'], {}, home);
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as Array<{ key: string }>;
    expect(list.map((p) => p.key)).toEqual(expect.arrayContaining(['openai', 'ollama', 'groq', 'anthropic']));
  });

  it('tests a provider from its env var key, stage by stage', async () => {
    const { code, stdout } = await cli(
      ['test', 'openai', '--base-url', fake.baseUrl, '--model', 'gpt-fake'],
      { OPENAI_API_KEY: KEY },
      home,
    );
    expect(stdout).toMatch(/✓ Connect[\s\S]*✓ Key accepted[\s\S]*✓ Model list[\s\S]*✓ One-token answer/);
    expect(code).toBe(0);
  });

  it('`switchyard test openai -m gpt-5-mini` passes: a reasoning model gets max_completion_tokens and room to think', async () => {
    const { code, stdout } = await cli(['test', 'openai', '--base-url', fake.baseUrl, '-m', 'gpt-5-mini'], { OPENAI_API_KEY: KEY }, home);
    expect(stdout).toMatch(/✓ One-token answer.*gpt-5-mini reasons before it answers/);
    expect(code).toBe(0);
    const sent = fake.requests.find((r) => r.path === '/v1/chat/completions')!.body as Record<string, unknown>;
    expect(sent).not.toHaveProperty('max_tokens');
    expect(sent.max_completion_tokens).toBeGreaterThan(1);
  });

  it('exits 3 on a rejected key and never prints it, even when the provider echoes it', async () => {
    fake.route('GET', '/v1/models', errorReply(401, `Incorrect API key provided: ${KEY}`));
    const { code, stdout, stderr } = await cli(['test', 'openai', '--base-url', fake.baseUrl], { OPENAI_API_KEY: KEY }, home);
    expect(code).toBe(3);
    expect(`${stdout}${stderr}`).toContain('401');
    expect(`${stdout}${stderr}`).not.toContain(KEY);
  });

  it('streams a chat answer to stdout', async () => {
    const { code, stdout } = await cli(
      ['chat', 'openai', '-m', 'gpt-fake', 'Say hello', '--base-url', fake.baseUrl],
      { OPENAI_API_KEY: KEY },
      home,
    );
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('Hello from the fake');
    expect((fake.requests.at(-1)!.body as { messages: unknown[] }).messages).toEqual([{ role: 'user', content: 'Say hello' }]);
  });

  it('redacts a key the provider echoes in a streamed answer, even split across chunks and base64-encoded', async () => {
    const encoded = Buffer.from(KEY).toString('base64');
    fake.route(
      'POST',
      '/v1/chat/completions',
      sseReply(sseStream(['Your key is ', KEY.slice(0, 10), KEY.slice(10), '. Encoded: ', encoded, ' — done.'])),
    );
    const { code, stdout } = await cli(
      ['chat', 'openai', '-m', 'gpt-fake', 'What is my key?', '--base-url', fake.baseUrl],
      { OPENAI_API_KEY: KEY },
      home,
    );
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('Your key is [REDACTED]. Encoded: [REDACTED] — done.');
    expect(stdout).not.toContain(KEY.slice(3, -3));
  });

  it('exits 5 when the server is down, and 2 for an unknown command', async () => {
    await fake.close();
    expect((await cli(['chat', 'openai', '-m', 'm', 'hi', '--base-url', fake.baseUrl], { OPENAI_API_KEY: KEY }, home)).code).toBe(5);
    expect((await cli(['frobnicate'], {}, home)).code).not.toBe(0);
  });

  it.skipIf(!process.env.DBUS_SESSION_BUS_ADDRESS && process.platform === 'linux')(
    'imports a config, stores a key from stdin (never argv), and uses it',
    async () => {
      const exported = {
        format: 'switchyard-config',
        version: 1,
        profiles: [savedProfile('p-cli', 'Work', 'openai', { baseUrl: fake.baseUrl, defaultModel: 'gpt-fake' })],
        chains: [],
        routes: [],
      };
      const file = path.join(home, 'export.json');
      await (await import('node:fs/promises')).writeFile(file, JSON.stringify(exported));
      const service = { SWITCHYARD_KEYCHAIN_SERVICE: `Switchyard-test-cli-${process.pid}` };
      expect((await cli(['config', 'import', file], service, home)).stdout).toContain('Imported 1 profiles');
      const set = await cli(['keys', 'set', 'Work'], service, home, `${KEY}\n`);
      expect(set.stdout).toContain('Saved sk-…nopq for Work');
      expect(`${set.stdout}${set.stderr}`).not.toContain(KEY);
      const tested = await cli(['test', '--profile', 'Work'], service, home);
      expect(tested.code).toBe(0);
      expect(fake.requests.some((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
      expect((await cli(['keys', 'delete', 'Work'], service, home)).stdout).toContain('Deleted key slot 0');
    },
  );

  it('prints the config path inside SWITCHYARD_HOME', async () => {
    const { stdout } = await cli(['config', 'path'], {}, home);
    expect(stdout.trim()).toBe(path.join(home, 'config.json'));
  });
});
