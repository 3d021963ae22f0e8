// The gateway's life through the API the UI uses: off by default, on with a port, restarted on a new
// port, a clear error when the port is taken, off again; and what the request log keeps.
import net from 'node:net';
import type OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { requestLog } from '../../../electron/gateway/request-log';
import { sseReply, sseStream, type FakeOpenAI } from '../../fakes/openai';
import { openaiClient, startGatewayWithFake, type GatewayHost } from '../../helpers/gateway';
import { createTestHost, type TestHost } from '../../helpers/host';
import { freePort } from '../../helpers/net';

async function call<T>(host: TestHost, method: string, input: unknown): Promise<T> {
  const envelope = await dispatch(host.ctx, method, input);
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.result as T;
}

const refuses = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

describe('gateway on and off', () => {
  let host: TestHost;
  beforeEach(async () => {
    host = await createTestHost();
  });
  afterEach(async () => {
    await host.cleanup();
  });

  it('is off by default, starts on its port when turned on, moves to a new port, and stops', async () => {
    const off = await call<{ enabled: boolean; running: boolean; defaultPort: number; settings: { port: number } }>(
      host,
      'gateway.status',
      {},
    );
    expect(off).toMatchObject({ enabled: false, running: false, defaultPort: 8419, settings: { port: 8419 } });
    const first = await freePort();
    const on = await call<{ running: boolean; baseUrl: string }>(host, 'gateway.update', { enabled: true, port: first });
    expect(on).toMatchObject({ running: true, baseUrl: `http://127.0.0.1:${first}` });
    expect(await refuses(first)).toBe(false);
    const second = await freePort();
    const moved = await call<{ baseUrl: string }>(host, 'gateway.update', { port: second });
    expect(moved.baseUrl).toBe(`http://127.0.0.1:${second}`);
    expect(await refuses(first)).toBe(true);
    await call(host, 'gateway.update', { enabled: false });
    expect(await refuses(second)).toBe(true);
    expect(host.events.filter((e) => e.event === 'gateway.status').map((e) => (e.payload as { running: boolean }).running)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('says plainly when the port is taken, and keeps the setting so a later start can work', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const status = await call<{ enabled: boolean; running: boolean; error: string }>(host, 'gateway.update', { enabled: true, port });
      expect(status).toMatchObject({ enabled: true, running: false, error: expect.stringContaining(`Port ${port} is already in use`) });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('gateway request log', () => {
  let gw: GatewayHost;
  let upstream: FakeOpenAI;
  let client: OpenAI;
  beforeEach(async () => {
    ({ gw, upstream } = await startGatewayWithFake());
    upstream.onChat(sseReply(sseStream(['The secret', ' plan'])));
    client = openaiClient(gw);
  });
  afterEach(() => gw.cleanup());

  it('keeps no prompt or answer unless the user turned that on', async () => {
    await client.chat.completions.create({ model: 'Fake/gpt-fake', messages: [{ role: 'user', content: 'Tell me the plan' }] });
    const quiet = gw.ctx.use(requestLog).list()[0]!;
    expect(quiet).toMatchObject({ state: 'done', status: 200, answeredBy: 'Fake · gpt-fake' });
    expect(quiet.prompt).toBeUndefined();
    expect(quiet.answer).toBeUndefined();
    expect(JSON.stringify(gw.events)).not.toContain('secret');

    await gw.setGateway({ logBodies: true });
    await client.chat.completions.create({ model: 'Fake/gpt-fake', messages: [{ role: 'user', content: 'Tell me the plan' }] });
    expect(gw.ctx.use(requestLog).list()[0]).toMatchObject({ prompt: 'Tell me the plan', answer: 'The secret plan' });
  });

  it('shows a stream as running while it lasts, then done, and the token as used', async () => {
    const stream = await client.chat.completions.create({
      model: 'Fake/gpt-fake',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    for await (const chunk of stream) void chunk;
    const states = gw.events.filter((e) => e.event === 'gateway.request').map((e) => (e.payload as { state: string }).state);
    expect(states).toEqual(['running', 'done']);
    const status = await dispatch(gw.ctx, 'gateway.status', {});
    expect(status).toMatchObject({
      ok: true,
      result: { tokens: [expect.objectContaining({ name: 'tests', lastUsedAt: expect.any(Number) })] },
    });
  });
});
