// The real Claude Code CLI (npm @anthropic-ai/claude-code) against the gateway: `claude -p` with
// ANTHROPIC_BASE_URL at the gateway and a gateway token, answered by a chain whose first target
// fails with 503 and whose second is an OpenAI-compatible fake. Claude Code may only reach
// loopback: every proxy variable points at a tripwire proxy on loopback that refuses and records
// any attempt to go elsewhere, its home is a temp folder, and non-essential traffic is off.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestLog } from '../../../electron/gateway/request-log';
import { errorReply, sseReply, sseStream, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { startGatewayHost, type GatewayHost } from '../../helpers/gateway';
import { realClisBin } from '../../helpers/real-clis';

// The pinned Claude Code from scripts/install-real-clis.mjs (a cache folder, installed on first use).
const CLAUDE = path.join(realClisBin(), 'claude');
const ANSWER = 'Switchyard answered through the gateway: 42 — naïve café ✓';

/** A proxy that lets nothing through and remembers where each attempt wanted to go. */
async function startTripwire(): Promise<{ url: string; attempts: string[]; close(): Promise<void> }> {
  const attempts: string[] = [];
  const server = http.createServer((req, res) => {
    attempts.push(`${req.method} ${req.url}`);
    res.writeHead(403).end();
  });
  server.on('connect', (req: http.IncomingMessage, socket) => {
    attempts.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    attempts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function runClaude(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLAUDE, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the real Claude Code CLI through the gateway', () => {
  let gw: GatewayHost;
  let broken: FakeOpenAI;
  let healthy: FakeOpenAI;
  let tripwire: Awaited<ReturnType<typeof startTripwire>>;
  let home: string;

  beforeEach(async () => {
    gw = await startGatewayHost();
    broken = await startFakeOpenAI();
    broken.onChat(errorReply(503, 'The first target is overloaded'));
    healthy = await startFakeOpenAI();
    healthy.onChat(sseReply(sseStream(ANSWER.match(/.{1,6}/gu)!, { usage: { prompt_tokens: 900, completion_tokens: 20 } })));
    tripwire = await startTripwire();
    home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-claude-home-'));
  });

  afterEach(async () => {
    await broken.close();
    await healthy.close();
    await tripwire.close();
    await gw.cleanup();
    await rm(home, { recursive: true, force: true });
  });

  it('answers `claude -p` from the second target of a chain whose first fails with 503, text intact', async () => {
    const first = await gw.addOpenAIProfile('Overloaded', broken.baseUrl);
    const second = await gw.addOpenAIProfile('Local fake', healthy.baseUrl);
    await gw.addChain(
      'Claude Code chain',
      [
        { profileId: first, model: 'big-model' },
        { profileId: second, model: 'small-model' },
      ],
      { maxRetries: 0 },
    );
    // Claude Code asks for claude-sonnet-…, claude-haiku-… or claude-opus-… depending on the task.
    await gw.setGateway({ aliases: { 'claude-*': 'chain:Claude Code chain' } });
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      CLAUDE_CONFIG_DIR: path.join(home, '.claude'),
      ANTHROPIC_BASE_URL: gw.baseUrl,
      ANTHROPIC_AUTH_TOKEN: gw.token,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
      DISABLE_ERROR_REPORTING: '1',
      DISABLE_UPDATES: '1',
      CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL: '1',
      HTTPS_PROXY: tripwire.url,
      HTTP_PROXY: tripwire.url,
      https_proxy: tripwire.url,
      http_proxy: tripwire.url,
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
    };
    const result = await runClaude(['-p', 'Reply with the answer.'], env, home);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(ANSWER);

    const answered = gw.ctx
      .use(requestLog)
      .list()
      .filter((e) => e.endpoint === 'POST /v1/messages' && e.status === 200);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered[0]!.token).toBe('tests');
    expect(answered[0]!.model).toMatch(/^claude-/);
    expect(answered.every((e) => e.answeredBy === 'Local fake · small-model')).toBe(true);
    expect(answered.at(-1)!.attempts.map((a) => `${a.provider}:${a.outcome}`)).toEqual(['Overloaded:error', 'Local fake:success']);
    expect(broken.requests.length).toBeGreaterThan(0);
    // Nothing left loopback: no request was even attempted through the proxy.
    expect(tripwire.attempts).toEqual([]);
  }, 120_000);
});
