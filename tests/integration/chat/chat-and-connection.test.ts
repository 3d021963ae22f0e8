import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { chatService } from '../../../electron/services/chat';
import { createTestHost, type TestHost } from '../../helpers/host';
import { connectWs, type WsClient } from '../../helpers/ws-client';
import { errorReply, sseReply, sseStream, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { forgetHostKeys } from '../../helpers/host-keys';

const hasSecretService = process.platform !== 'linux' || Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const KEY = 'sk-proj-LEAKCANARY0123456789abcdefghijkl';

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(full)));
    else out.push(full);
  }
  return out;
}

describe.skipIf(!hasSecretService)('connection test, chat and the key-leak check, through the WebSocket transport', () => {
  let host: TestHost;
  let fake: FakeOpenAI;
  let server: WebServer;
  let client: WsClient;
  const results: unknown[] = [];
  const logs: string[] = [];

  beforeEach(async () => {
    host = await createTestHost();
    fake = await startFakeOpenAI();
    server = await startWebServer({ ctx: host.ctx, staticDir: host.dataDir, port: 0 });
    client = await connectWs(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    results.length = 0;
    logs.length = 0;
    for (const stream of [process.stdout, process.stderr] as const) {
      const write = stream.write.bind(stream);
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
        logs.push(String(chunk));
        return write(chunk as string, ...(rest as []));
      });
    }
    for (const method of ['log', 'warn', 'error', 'info'] as const) {
      const original = console[method].bind(console);
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logs.push(args.map(String).join(' '));
        original(...args);
      });
    }
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await client.close();
    await server.close();
    await fake.close();
    await forgetHostKeys(host);
    clearKnownSecrets();
    await host.cleanup();
  });

  async function call<T>(method: string, input: unknown): Promise<T> {
    const envelope = await client.invoke(method, input);
    results.push(envelope);
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error);
    return envelope.result as T;
  }

  async function waitForEvent(
    name: string,
    predicate: (payload: Record<string, unknown>) => boolean = () => true,
  ): Promise<Record<string, unknown>> {
    // Waits for the state, however long a busy machine takes; the test's timeout is the backstop.
    for (;;) {
      const found = client.events.find((e) => e.event === name && predicate(e.payload as Record<string, unknown>));
      if (found) return found.payload as Record<string, unknown>;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('tests a profile stage by stage, shows the 401 hint, and never leaks the key anywhere', async () => {
    const profile = await call<{ id: string }>('profiles.create', {
      name: 'Fake OpenAI',
      providerKey: 'openai',
      baseUrl: fake.baseUrl,
      defaultModel: 'gpt-fake',
      key: KEY,
    });
    const good = await call<{ ok: boolean; stages: Array<{ id: string; verdict: string }>; models: string[]; latencyMs: number }>(
      'connection.test',
      { profileId: profile.id },
    );
    expect(good.stages.map((s) => `${s.id}:${s.verdict}`)).toEqual(['connect:pass', 'auth:pass', 'models:pass', 'completion:pass']);
    expect(good.models).toEqual(['gpt-fake', 'gpt-fake-mini']);
    expect(good.latencyMs).toBeGreaterThan(0);
    expect(fake.requests.at(-1)!.body).toMatchObject({ max_tokens: 1, model: 'gpt-fake' });

    // The provider now rejects the key and echoes it back in the body.
    fake.route('GET', '/v1/models', errorReply(401, `Incorrect API key provided: ${KEY}.`));
    const bad = await call<{ ok: boolean; stages: Array<{ id: string; verdict: string; hint?: string; error?: string }> }>(
      'connection.test',
      { profileId: profile.id },
    );
    expect(bad.ok).toBe(false);
    expect(bad.stages[1]).toMatchObject({ id: 'auth', verdict: 'fail', hint: expect.stringContaining('401: the key was rejected') });
    expect(bad.stages[1]!.error).toContain('[REDACTED]');

    // A chat whose error echoes the key.
    fake.onChat(errorReply(401, `bad key ${KEY}`));
    await call('chat.send', { target: { kind: 'profile', profileId: profile.id, model: 'gpt-fake' }, content: 'hello' });
    await waitForEvent('chat.done');
    const exported = await call<{ content: string }>('config.export', {});
    expect(exported.content).not.toContain(KEY);

    const everything = [JSON.stringify(results), JSON.stringify(client.events), logs.join('\n')];
    // A background config write may rename its temp file away between the listing and the read; its
    // content is then in config.json, which is read again last.
    for (const file of [...(await allFiles(host.dataDir)), path.join(host.dataDir, 'config.json')]) {
      everything.push(
        await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? '' : Promise.reject(error))),
      );
    }
    expect(everything.filter((text) => text.includes(KEY))).toEqual([]);
    // And the key really was used: the fake saw it.
    expect(fake.requests.some((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it('streams a chat in batched deltas, stops it, regenerates, and keeps the conversation', async () => {
    const profile = await call<{ id: string }>('profiles.create', { name: 'Fake', providerKey: 'openai', baseUrl: fake.baseUrl, key: KEY });
    const target = { kind: 'profile', profileId: profile.id, model: 'gpt-fake' };
    const first = await call<{ streamId: string; conversationId: string }>('chat.send', { target, content: 'Say hello' });
    const done = await waitForEvent('chat.done', (p) => p.streamId === first.streamId);
    expect(done.message).toMatchObject({
      role: 'assistant',
      content: 'Hello from the fake',
      status: 'done',
      answeredBy: 'Fake · gpt-fake',
    });
    expect((done.message as { metrics: { outputTokens: number } }).metrics.outputTokens).toBe(4);
    const deltas = client.events.filter((e) => e.event === 'chat.delta' && (e.payload as { streamId: string }).streamId === first.streamId);
    expect(deltas.map((e) => (e.payload as { text: string }).text).join('')).toBe('Hello from the fake');

    // A slow stream, stopped mid-way: the host aborts the request and keeps the partial answer.
    fake.onChat(
      sseReply('', [
        sseStream(['one ', 'two ']).split(
          'data: {"id":"chatcmpl-fake","object":"chat.completion.chunk","created":1700000000,"model":"gpt-fake","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
        )[0]!,
        { delayMs: 5_000 },
      ]),
    );
    const second = await call<{ streamId: string }>('chat.send', { target, content: 'Count slowly', conversationId: first.conversationId });
    await waitForEvent('chat.delta', (p) => p.streamId === second.streamId);
    await call('chat.stop', { streamId: second.streamId });
    const stopped = await waitForEvent('chat.done', (p) => p.streamId === second.streamId);
    expect(stopped.message).toMatchObject({ status: 'stopped', content: 'one two ' });
    await vi.waitFor(() => expect(fake.aborted.length).toBe(1));

    // Regenerate replaces the last answer.
    fake.onChat(sseReply(sseStream(['fresh'])));
    const third = await call<{ streamId: string }>('chat.send', { target, regenerate: true, conversationId: first.conversationId });
    await waitForEvent('chat.done', (p) => p.streamId === third.streamId);
    const loaded = await call<{ messages: Array<{ role: string; content: string }>; conversation: { title: string } }>('history.load', {
      id: first.conversationId,
    });
    expect(loaded.conversation.title).toBe('Say hello');
    expect(loaded.messages.map((m) => `${m.role}:${m.content}`)).toEqual([
      'user:Say hello',
      'assistant:Hello from the fake',
      'user:Count slowly',
      'assistant:fresh',
    ]);
    // The regenerated request carried the whole conversation.
    expect((fake.requests.at(-1)!.body as { messages: unknown[] }).messages).toHaveLength(3);
  });

  it('tells the user when a profile was deleted under a chat', async () => {
    const result = await dispatch(host.ctx, 'chat.send', { target: { kind: 'profile', profileId: 'gone', model: 'm' }, content: 'hi' });
    expect(result.ok).toBe(true);
    const { streamId } = (result as { result: { streamId: string } }).result;
    await host.ctx.use(chatService).whenFinished(streamId);
    const done = host.events.find((e) => e.event === 'chat.done')!.payload as { message: { status: string; error: { message: string } } };
    expect(done.message.status).toBe('error');
    expect(done.message.error.message).toContain('no provider profile');
  });
});
