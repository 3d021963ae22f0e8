// A custom endpoint on loopback (a LiteLLM proxy, a vLLM server started with --api-key) gets the
// generic key from the environment, as the seed gave it (seed-core.md §1.3), through the CLI too.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../../electron/providers/factory';
import { collectStream } from '../../../electron/providers/collect';
import { startFakeAnthropic, type FakeAnthropic } from '../../fakes/anthropic';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { CLI_ENTRY } from '../../helpers/cli-entry';

function cli(args: string[], env: Record<string, string>, home: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [...CLI_ENTRY, ...args],
      { env: { PATH: process.env.PATH, HOME: home, SWITCHYARD_HOME: home, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end('');
  });
}

describe('generic keys for custom endpoints on loopback', () => {
  let openai: FakeOpenAI;
  let anthropic: FakeAnthropic;
  let home: string;
  beforeEach(async () => {
    openai = await startFakeOpenAI();
    anthropic = await startFakeAnthropic();
    home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-cli-test-'));
  });
  afterEach(async () => {
    await openai.close();
    await anthropic.close();
    await rm(home, { recursive: true, force: true });
  });

  it('API_KEY=… switchyard chat custom:http://127.0.0.1:…/v1 sends it as the Bearer token', async () => {
    const { code, stdout } = await cli(['chat', `custom:${openai.baseUrl}`, '-m', 'm', 'hi'], { API_KEY: 'litellm-master-key-123' }, home);
    expect(stdout.trim()).toBe('Hello from the fake');
    expect(code).toBe(0);
    expect(openai.requests.at(-1)!.headers.authorization).toBe('Bearer litellm-master-key-123');
  });

  it("anthropic-custom: on loopback sends the seed's ZEROCLAW_API_KEY as x-api-key", async () => {
    const provider = createProvider(`anthropic-custom:${anthropic.url}`, { env: { ZEROCLAW_API_KEY: 'proxy-key-from-zeroclaw' } });
    expect((await collectStream(provider.stream({ model: 'claude-fake-1', messages: [{ role: 'user', content: 'hi' }] }), 'm')).text).toBe(
      'Hello from Claude',
    );
    expect(anthropic.requests.at(-1)!.headers['x-api-key']).toBe('proxy-key-from-zeroclaw');
  });

  it('no key in the environment: no Authorization header, the local server decides', async () => {
    await createProvider(`custom:${openai.baseUrl}`, { env: {} }).chat({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(openai.requests.at(-1)!.headers.authorization).toBeUndefined();
  });
});
