// A provider that reports token counts as strings, and models whose names are Object.prototype
// members, through the real chat and compare services and the WebSocket: the host stays up and
// the person sees the answer with sane numbers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { createTestHost, type TestHost } from '../../helpers/host';
import { connectWs, type WsClient } from '../../helpers/ws-client';
import { sseReply, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';

const KEY = 'sk-hostile-usage-0123456789abcdefghij';

/** An OpenAI-style stream whose usage counts are strings (and one that is not a number at all). */
function streamWithStringUsage(): string {
  const chunk = (delta: object, finish: string | null = null) => ({
    id: 'c',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const events = [
    chunk({ role: 'assistant', content: '' }),
    chunk({ content: 'Four' }),
    chunk({ content: ' words' }),
    chunk({ content: ' came back' }),
    chunk({}, 'stop'),
    {
      id: 'c',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [],
      usage: {
        prompt_tokens: '12',
        completion_tokens: '4',
        total_tokens: 'sixteen',
        completion_tokens_details: { reasoning_tokens: 'NaN' },
      },
    },
  ];
  return `${events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('')}data: [DONE]\n\n`;
}

interface DoneMessage {
  content: string;
  status: string;
  metrics: {
    inputTokens: number | null;
    outputTokens: number;
    outputTokensEstimated: boolean;
    reasoningTokens: number | null;
    costUsd: number | null;
  };
}

describe('hostile provider answers through the WebSocket', () => {
  let host: TestHost;
  let fake: FakeOpenAI;
  let server: WebServer;
  let client: WsClient;
  let profileId: string;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeEach(async () => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
    fake = await startFakeOpenAI();
    fake.onChat(sseReply(streamWithStringUsage()));
    host = await createTestHost({ env: { OPENAI_API_KEY: KEY } });
    server = await startWebServer({ ctx: host.ctx, staticDir: host.dataDir, port: 0 });
    client = await connectWs(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    const created = await client.invoke('profiles.create', { name: 'Hostile', providerKey: 'openai', baseUrl: fake.baseUrl });
    expect(created.ok).toBe(true);
    profileId = (created as { result: { id: string } }).result.id;
    // A price table in Settings, as a person would have one: none of it for these model names.
    expect((await client.invoke('settings.update', { prices: { 'gpt-fake': { inputPerMTok: 1, outputPerMTok: 2 } } })).ok).toBe(true);
  });

  afterEach(async () => {
    process.off('unhandledRejection', onUnhandled);
    await client.close();
    await server.close();
    await host.cleanup();
    await fake.close();
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'a chat with model "%s" and string usage ends with the answer and real numbers',
    async (model) => {
      const sent = await client.invoke('chat.send', { target: { kind: 'profile', profileId, model }, content: 'hello' });
      expect(sent.ok).toBe(true);
      const { streamId } = (sent as { result: { streamId: string } }).result;
      await vi.waitFor(
        () =>
          expect(client.events.some((e) => e.event === 'chat.done' && (e.payload as { streamId: string }).streamId === streamId)).toBe(
            true,
          ),
        { timeout: 50_000 },
      );
      const done = client.events.find((e) => e.event === 'chat.done')!.payload as { message: DoneMessage };
      expect(done.message).toMatchObject({ content: 'Four words came back', status: 'done' });
      expect(done.message.metrics).toMatchObject({ inputTokens: 12, outputTokens: 4, outputTokensEstimated: false, costUsd: null });
      // "NaN" is no count: the reasoning tokens are unknown, not a broken number.
      expect(done.message.metrics.reasoningTokens).toBeNull();
      expect(unhandled).toEqual([]);
      expect(await client.invoke('app.ping', { nonce: 'alive' })).toMatchObject({ ok: true });
    },
  );

  it('a comparison of "constructor" and "toString" with string usage finishes with both columns and no cost', async () => {
    const targets = ['constructor', 'toString'].map((model) => ({ kind: 'profile', profileId, model }));
    const started = await client.invoke('compare.start', { prompt: 'hello', targets, oneAtATime: false });
    expect(started.ok).toBe(true);
    const { runId } = (started as { result: { runId: string } }).result;
    await vi.waitFor(
      () =>
        expect(
          client.events.some((e) => e.event === 'compare.run' && (e.payload as { runId: string; status: string }).status === 'done'),
        ).toBe(true),
      { timeout: 50_000 },
    );
    const run = await client.invoke('compare.get', { runId });
    expect(run).toMatchObject({ ok: true, result: { status: 'done' } });
    const columns = (
      run as { result: { columns: Array<{ status: string; text: string; metrics: { outputTokens: number; costUsd: number | null } }> } }
    ).result.columns;
    expect(columns.map((c) => [c.status, c.text, c.metrics.outputTokens, c.metrics.costUsd])).toEqual([
      ['done', 'Four words came back', 4, null],
      ['done', 'Four words came back', 4, null],
    ]);
    expect(unhandled).toEqual([]);
  });
});
