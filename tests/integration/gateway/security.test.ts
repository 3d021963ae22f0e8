// What the gateway refuses, with which status, and that it keeps serving afterwards: no token, a
// revoked token, a foreign Origin, a non-loopback Host, an oversized body, too many requests in
// flight for one token, a request past its timeout. Tokens exist on disk only as hashes.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { ConfigStore } from '../../../electron/config/store';
import { createToken, hashToken, revokeToken } from '../../../electron/gateway/tokens';
import type { Reply } from '../../fakes/server';
import { sseReply, sseStream, type FakeOpenAI } from '../../fakes/openai';
import { startGatewayWithFake, type GatewayHost } from '../../helpers/gateway';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: Record<string, unknown>;
}

/** A plain node:http request, so that Host, Origin and the body can be anything a hostile client sends. */
function raw(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path ?? '/v1/chat/completions',
        headers: { 'content-type': 'application/json', ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // an event stream or an empty body
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (options.chunked && options.body) {
      // No content-length: the limit must hold while the body streams in.
      const body = Buffer.from(options.body);
      for (let at = 0; at < body.length; at += 1024) req.write(body.subarray(at, at + 1024));
      req.end();
    } else req.end(options.body);
  });
}

const chatBody = (extra: object = {}) => JSON.stringify({ model: 'Fake/gpt-fake', messages: [{ role: 'user', content: 'Hi' }], ...extra });
const messagesBody = () => JSON.stringify({ model: 'Fake/gpt-fake', max_tokens: 20, messages: [{ role: 'user', content: 'Hi' }] });

describe('gateway security and limits', () => {
  let gw: GatewayHost;
  let upstream: FakeOpenAI;
  const auth = () => ({ authorization: `Bearer ${gw.token}` });

  async function stillServes(): Promise<void> {
    const ok = await raw(gw.port, { headers: auth(), body: chatBody() });
    expect(ok.status).toBe(200);
    expect((ok.json.choices as Array<{ message: { content: string } }>)[0]!.message.content).toBe('Hello from the fake');
  }

  beforeEach(async () => {
    ({ gw, upstream } = await startGatewayWithFake());
  });

  afterEach(() => gw.cleanup());

  it('refuses a request without a token with 401, in the format of the endpoint', async () => {
    const openai = await raw(gw.port, { body: chatBody() });
    expect(openai.status).toBe(401);
    expect(openai.json.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_api_key',
      message: expect.stringContaining('Send a gateway token'),
    });
    const anthropic = await raw(gw.port, { path: '/v1/messages', body: messagesBody() });
    expect(anthropic.status).toBe(401);
    expect(anthropic.json).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    const wrong = await raw(gw.port, {
      path: '/v1/messages',
      headers: { 'x-api-key': 'sk-sy-not-a-real-token-0000000000' },
      body: messagesBody(),
    });
    expect(wrong.status).toBe(401);
    expect(upstream.requests).toHaveLength(0);
    await stillServes();
  });

  it('refuses a revoked token from its next request on', async () => {
    const { token, id } = await createToken(gw.ctx, 'scripts');
    expect((await raw(gw.port, { headers: { authorization: `Bearer ${token}` }, body: chatBody() })).status).toBe(200);
    await revokeToken(gw.ctx, id);
    const refused = await raw(gw.port, { headers: { authorization: `Bearer ${token}` }, body: chatBody() });
    expect(refused.status).toBe(401);
    expect(refused.json.error).toMatchObject({ message: expect.stringContaining('not valid (revoked or mistyped)') });
    await stillServes();
  });

  it('honours a token revoked by another Switchyard process (the CLI) while it runs', async () => {
    const { token } = await createToken(gw.ctx, 'scripts');
    expect((await raw(gw.port, { headers: { authorization: `Bearer ${token}` }, body: chatBody() })).status).toBe(200);
    // Another process has its own store over the same file, as `switchyard gateway token revoke` would.
    const otherProcess = new ConfigStore(gw.dataDir);
    await otherProcess.update((config) => {
      config.gateway.tokens = config.gateway.tokens.filter((t) => t.name !== 'scripts');
    });
    expect((await raw(gw.port, { headers: { authorization: `Bearer ${token}` }, body: chatBody() })).status).toBe(401);
    await stillServes();
  });

  it('refuses a browser Origin unless the user allowed it, and answers an allowed one with CORS headers', async () => {
    const foreign = await raw(gw.port, { headers: { ...auth(), origin: 'https://evil.example' }, body: chatBody() });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(upstream.requests).toHaveLength(0);
    const preflight = await raw(gw.port, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);

    await gw.setGateway({ allowedOrigins: ['https://my-notebook.example'] });
    const allowedPreflight = await raw(gw.port, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://my-notebook.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(allowedPreflight.status).toBe(204);
    expect(allowedPreflight.headers['access-control-allow-headers']).toBe('authorization, content-type');
    const allowed = await raw(gw.port, { headers: { ...auth(), origin: 'https://my-notebook.example' }, body: chatBody() });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://my-notebook.example');
    await stillServes();
  });

  it('refuses a Host header that is not loopback on its own port (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${gw.port}`, `127.0.0.1:${gw.port + 1}`, '192.168.1.20']) {
      const refused = await raw(gw.port, { headers: { ...auth(), host }, body: chatBody() });
      expect(refused.status, host).toBe(403);
      expect(refused.json.error).toMatchObject({ message: expect.stringContaining('Host not allowed') });
    }
    expect((await raw(gw.port, { headers: { ...auth(), host: `localhost:${gw.port}` }, body: chatBody() })).status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
  });

  it('refuses a body over the limit with 413, whether announced or streamed', async () => {
    await gw.setGateway({ maxBodyBytes: 4096 });
    const big = chatBody({ padding: 'x'.repeat(20_000) });
    const announced = await raw(gw.port, { headers: auth(), body: big });
    expect(announced.status).toBe(413);
    expect(announced.json.error).toMatchObject({ code: 'request_too_large', message: expect.stringContaining('4096 bytes') });
    const streamed = await raw(gw.port, { path: '/v1/messages', headers: { 'x-api-key': gw.token }, body: big, chunked: true }).catch(
      (error: Error) => ({ status: -1, error }),
    );
    // The gateway answers 413 and closes the connection rather than read the rest; a client that is
    // still sending may see the close first. Either way nothing reached the provider.
    expect([413, -1]).toContain(streamed.status);
    expect(upstream.requests).toHaveLength(0);
    await stillServes();
  });

  it('refuses requests past the per-token concurrency limit with 429 and Retry-After, and serves again once they finish', async () => {
    await gw.setGateway({ maxConcurrentPerToken: 2 });
    const held: Array<(reply: Reply) => void> = [];
    upstream.onChat(() => new Promise<Reply>((resolve) => held.push(resolve)));
    const first = raw(gw.port, { headers: auth(), body: chatBody({ stream: true }) });
    const second = raw(gw.port, { headers: auth(), body: chatBody() });
    await vi.waitFor(() => expect(held).toHaveLength(2), { timeout: 50_000 });
    const third = await raw(gw.port, { headers: auth(), body: chatBody() });
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBe('1');
    expect(third.json.error).toMatchObject({ type: 'rate_limit_error', message: expect.stringContaining('2 requests in flight') });
    // Another token has its own budget.
    const { token } = await createToken(gw.ctx, 'other');
    const other = raw(gw.port, { headers: { authorization: `Bearer ${token}` }, body: chatBody() });
    await vi.waitFor(() => expect(held).toHaveLength(3), { timeout: 50_000 });
    for (const release of held) release(sseReply(sseStream(['ok'])));
    expect((await first).text).toContain('"content":"ok"');
    expect((await second).status).toBe(200);
    expect((await other).status).toBe(200);
    upstream.onChat(sseReply(sseStream(['Hello from the fake'])));
    await stillServes();
  });

  it('answers 504 when the request timeout passes, and stops the provider request', async () => {
    await gw.setGateway({ requestTimeoutMs: 1000 });
    upstream.onChat({ hang: true });
    const late = await raw(gw.port, { headers: auth(), body: chatBody() });
    expect(late.status).toBe(504);
    expect(late.json.error).toMatchObject({ message: expect.stringContaining('request timeout of 1 s') });
    await vi.waitFor(() => expect(upstream.aborted).toHaveLength(1), { timeout: 50_000 });
    upstream.onChat(sseReply(sseStream(['Hello from the fake'])));
    await stillServes();
  });

  it('stops the provider request when the client hangs up mid-stream', async () => {
    upstream.onChat(
      sseReply('', [`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'first' } }] })}\n\n`, { delayMs: 60_000 }]),
    );
    const controller = new AbortController();
    const response = await fetch(`${gw.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: chatBody({ stream: true }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('first');
    controller.abort();
    await vi.waitFor(() => expect(upstream.aborted).toHaveLength(1), { timeout: 50_000 });
    upstream.onChat(sseReply(sseStream(['Hello from the fake'])));
    await stillServes();
  });

  it('answers malformed requests with 400 in the client format and keeps serving', async () => {
    const notJson = await raw(gw.port, { headers: auth(), body: '{"model": ' });
    expect(notJson.status).toBe(400);
    const noMessages = await raw(gw.port, {
      path: '/v1/messages',
      headers: { 'x-api-key': gw.token },
      body: JSON.stringify({ model: 'Fake/gpt-fake', messages: 'hello' }),
    });
    expect(noMessages.status).toBe(400);
    expect(noMessages.json).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('messages') },
    });
    const longModel = await raw(gw.port, { headers: auth(), body: chatBody({ model: 'm'.repeat(100_000) }) });
    expect(longModel.status).toBe(400);
    expect(longModel.text.length).toBeLessThan(1000);
    const unknownPath = await raw(gw.port, { method: 'GET', path: '/admin', headers: auth() });
    expect(unknownPath.status).toBe(404);
    await stillServes();
  });

  it('keeps tokens only as hashes: the value is returned once and is in no file, listing or export', async () => {
    const created = await createToken(gw.ctx, 'Claude Code');
    expect(created.token).toMatch(/^sk-sy-[A-Za-z0-9_-]{43}$/);
    expect(created.hint).toBe(`sk-sy-…${created.token.slice(-4)}`);
    const file = await readFile(path.join(gw.dataDir, 'config.json'), 'utf8');
    expect(file).not.toContain(created.token);
    expect(file).not.toContain(gw.token);
    expect(file).toContain(hashToken(created.token));
    const status = await dispatch(gw.ctx, 'gateway.status', {});
    expect(JSON.stringify(status)).not.toContain(created.token);
    expect(JSON.stringify(status)).not.toContain(hashToken(created.token));
    expect(status).toMatchObject({
      ok: true,
      result: { tokens: expect.arrayContaining([expect.objectContaining({ name: 'Claude Code', hint: created.hint })]) },
    });
    const exported = await dispatch(gw.ctx, 'config.export', {});
    expect(JSON.stringify(exported)).not.toContain(hashToken(created.token));
    const duplicate = await dispatch(gw.ctx, 'gateway.createToken', { name: 'claude code' });
    expect(duplicate).toMatchObject({ ok: false, error: { message: expect.stringContaining('already exists') } });
  });
});
