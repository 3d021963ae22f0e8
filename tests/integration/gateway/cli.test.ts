// `switchyard gateway` in a terminal: tokens created, listed and revoked from the command line, and
// the gateway served until Ctrl-C with one log line per request.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { openaiClient } from '../../helpers/gateway';
import { CLI_ENTRY } from '../../helpers/cli-entry';

const entry = CLI_ENTRY;

describe('switchyard gateway', () => {
  let home: string;
  let fake: FakeOpenAI;
  const env = () => ({ PATH: process.env.PATH, HOME: home, SWITCHYARD_HOME: home });
  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [...entry, ...args], { env: env(), timeout: 30_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  beforeEach(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-gateway-cli-'));
    fake = await startFakeOpenAI();
    const profile = { id: 'p1', name: 'Local', providerKey: `custom:${fake.baseUrl}`, createdAt: 0, updatedAt: 0 };
    await writeFile(path.join(home, 'config.json'), JSON.stringify({ schemaVersion: 1, profiles: [profile] }));
  });

  afterEach(async () => {
    await fake.close();
    await rm(home, { recursive: true, force: true });
  });

  it('creates a token printed once on stdout, lists it by hint and revokes it by name', async () => {
    const created = await cli(['gateway', 'token', 'create', 'scripts']);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^sk-sy-/);
    expect(created.stderr).toContain('Copy it now');
    const listed = await cli(['gateway', 'token', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name: 'scripts', hint: `sk-sy-…${token.slice(-4)}` })]);
    expect(listed.stdout).not.toContain(token);
    expect((await cli(['gateway', 'token', 'revoke', 'scripts'])).stdout).toContain('Revoked "scripts"');
    const again = await cli(['gateway', 'token', 'revoke', 'scripts']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('There is no gateway token "scripts"');
    // Five CLI processes, each loading TypeScript through tsx: slow on a busy machine.
  }, 90_000);

  it('serves until Ctrl-C and logs each request on one line', async () => {
    const token = (await cli(['gateway', 'token', 'create', 'scripts'])).stdout.trim();
    const child = spawn(process.execPath, [...entry, 'gateway', '--port', '0'], { env: env() });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      // The banner's lines may arrive in separate chunks: wait until both are there.
      await vi.waitFor(
        () => {
          expect(stdout).toMatch(/gateway on http:\/\/127\.0\.0\.1:\d+/);
          expect(stdout).toContain('Tokens: scripts');
        },
        { timeout: 60_000 },
      );
      const baseUrl = /gateway on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!;
      const client = openaiClient({ baseUrl, token });
      const answer = await client.chat.completions.create({ model: 'Local/gpt-fake', messages: [{ role: 'user', content: 'Hi' }] });
      expect(answer.choices[0]!.message.content).toBe('Hello from the fake');
      await vi.waitFor(
        () =>
          expect(stdout).toMatch(
            /200 scripts POST \/v1\/chat\/completions Local\/gpt-fake → Local · gpt-fake \d+ ms \(first token \d+ ms, gateway \d+\.\d\d ms\)/,
          ),
        {
          timeout: 60_000,
        },
      );
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain('Stopping the gateway');
  }, 90_000);
});
