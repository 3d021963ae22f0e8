// The gateway's streamed answers as the client receives them: a long answer with multi-byte text,
// read by a client that only starts reading once the provider has sent everything (the gateway
// must hold back, not drop or reorder); a provider stream cut mid-way, which must still end the
// client's stream with an error event; and a provider's mid-stream error that carries a key,
// which must reach the client scrubbed. Each keeps the attempt-trace header and the request log.
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GatewayLogEntry } from '../../../shared/api/gateway';
import { ATTEMPTS_HEADER } from '../../../electron/gateway/answer';
import { MAX_ANSWER_CHARS } from '../../../electron/providers/limits';
import { dispatch } from '../../../electron/api/dispatch';
import { errorReply, sseReply, sseStream, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { splitAt } from '../../fakes/server';
import { openaiClient, startGatewayWithFake, type GatewayHost } from '../../helpers/gateway';

/** Tokens with 2-, 3- and 4-byte UTF-8 characters (a surrogate pair in JavaScript). */
const WORDS = ['héllo ', '日本語 ', '🙂 ', 'plain ', 'ß€ '];

interface StreamedResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: string[];
}

/**
 * A streamed chat request with node:http, whose body is read only once `startReading` resolves;
 * `onFirstBytes` runs when the first bytes of the body arrive.
 */
function streamedChat(
  gw: GatewayHost,
  model: string,
  startReading: Promise<unknown>,
  onFirstBytes: () => void = () => undefined,
): Promise<StreamedResponse> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'Hi' }] });
    const req = http.request(
      {
        host: '127.0.0.1',
        port: gw.port,
        method: 'POST',
        path: '/v1/chat/completions',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${gw.token}` },
      },
      (res) => {
        res.pause();
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          if (chunks.length === 0) onFirstBytes();
          chunks.push(chunk);
        });
        res.on('end', () => {
          // Decoded once at the end, so that a character split across network chunks is not the reader's problem.
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, events: text.split('\n\n').filter(Boolean) });
        });
        res.on('error', reject);
        void startReading.then(() => res.resume());
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const dataOf = (events: string[]) => events.map((event) => event.replace(/^data: /, ''));

function textOf(events: string[]): string {
  return dataOf(events)
    .filter((data) => data !== '[DONE]')
    .map((data) => (JSON.parse(data) as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta?.content ?? '')
    .join('');
}

/** The newest request log entry, as the Gateway page gets it. */
async function logged(gw: GatewayHost): Promise<GatewayLogEntry> {
  const reply = await dispatch(gw.ctx, 'gateway.log', {});
  if (!reply.ok) throw new Error(reply.error.message);
  const entry = (reply.result as { entries: GatewayLogEntry[] }).entries[0];
  if (!entry) throw new Error('the request was not logged');
  return entry;
}

describe('streamed answers through the gateway', () => {
  let gw: GatewayHost;
  let upstream: FakeOpenAI;
  let fakeId: string;

  beforeEach(async () => {
    ({ gw, upstream, profileId: fakeId } = await startGatewayWithFake());
  });

  afterEach(() => gw.cleanup());

  it('delivers a long multi-byte answer whole and in order to a client that reads late, after a failover named in the attempts header and the log', async () => {
    const down = await startFakeOpenAI();
    down.onChat(errorReply(503, 'overloaded'));
    const downId = await gw.addOpenAIProfile('Down', down.baseUrl);
    await gw.addChain(
      'Long',
      [
        { profileId: downId, model: 'gpt-fake' },
        { profileId: fakeId, model: 'gpt-fake' },
      ],
      { maxRetries: 0 },
    );
    const tokens = Array.from({ length: 6000 }, (_, i) => `${WORDS[i % WORDS.length]}${i} `);
    const bytes = Buffer.from(sseStream(tokens, { usage: { prompt_tokens: 3, completion_tokens: tokens.length } }));
    // Cut at odd offsets, so that characters and events straddle the provider's network chunks.
    const pieces = splitAt(
      bytes,
      Array.from({ length: 400 }, (_, i) => Math.floor((i * bytes.length) / 400) + (i % 7)),
    );
    let sent!: () => void;
    const allSent = new Promise<void>((resolve) => (sent = resolve));
    upstream.onChat(sseReply('', [...pieces, { call: () => sent() }]));

    const response = await streamedChat(gw, 'chain:Long', allSent);
    await down.close();

    expect(response.status).toBe(200);
    expect(textOf(response.events)).toBe(tokens.join(''));
    expect(dataOf(response.events).at(-1)).toBe('[DONE]');
    // Headers leave with the first byte: they name the attempt that failed before it.
    const attempts = JSON.parse(String(response.headers[ATTEMPTS_HEADER])) as Array<{ provider: string; outcome: string; status?: number }>;
    expect(attempts).toEqual([expect.objectContaining({ provider: 'Down', outcome: 'error', status: 503 })]);
    const entry = await logged(gw);
    expect(entry).toMatchObject({
      state: 'done',
      status: 200,
      stream: true,
      model: 'chain:Long',
      answeredBy: expect.stringContaining('Fake'),
      usage: { inputTokens: 3, outputTokens: tokens.length },
    });
    expect(entry.attempts.map((a) => a.outcome)).toEqual(['error', 'success']);
    expect(entry.ttftMs).toEqual(expect.any(Number));
  });

  it('ends the client stream with an error event when the provider cuts its stream, keeps what arrived, and logs the error', async () => {
    const head = sseStream(['first ', 'second ']).split('\n\n').slice(0, 3).join('\n\n');
    let clientHasBytes!: () => void;
    const firstBytes = new Promise<void>((resolve) => (clientHasBytes = resolve));
    // The cut comes once the client holds the first bytes, so the gateway has committed to a 200.
    upstream.onChat({ ...sseReply('', [`${head}\n\n`, { call: () => firstBytes }]), cut: true });

    const response = await streamedChat(gw, 'Fake/gpt-fake', Promise.resolve(), clientHasBytes);

    expect(response.status).toBe(200);
    expect(response.headers[ATTEMPTS_HEADER]).toBeDefined();
    const data = dataOf(response.events);
    expect(data.at(-1)).toBe('[DONE]');
    const failure = JSON.parse(data.at(-2)!) as { error: { message: string; type: string } };
    expect(failure.error.type).toBe('api_error');
    expect(failure.error.message.length).toBeGreaterThan(0);
    expect(textOf(response.events.slice(0, -2))).toBe('first second ');
    expect(await logged(gw)).toMatchObject({ state: 'error', status: 502, error: failure.error.message });

    // The official SDK turns that event into an error for the code that reads the stream.
    let again!: () => void;
    const reached = new Promise<void>((resolve) => (again = resolve));
    upstream.onChat({ ...sseReply('', [`${head}\n\n`, { call: () => reached }]), cut: true });
    const client = openaiClient(gw);
    const stream = await client.chat.completions.create({
      model: 'Fake/gpt-fake',
      stream: true,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const read = (async () => {
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) again();
    })();
    await expect(read).rejects.toThrow(failure.error.message.slice(0, 40));
  });

  it('scrubs a key out of a provider error that arrives mid-stream', async () => {
    const key = 'sk-proj-Abcdefghijklmnopqrstuvwxyz0123456789';
    const head = sseStream(['partial ']).split('\n\n').slice(0, 2).join('\n\n');
    upstream.onChat(sseReply(`${head}\n\ndata: ${JSON.stringify({ error: { message: `the key ${key} was revoked` } })}\n\n`));

    const response = await streamedChat(gw, 'Fake/gpt-fake', Promise.resolve());

    const data = dataOf(response.events);
    const failure = JSON.parse(data.at(-2)!) as { error: { message: string } };
    expect(failure.error.message).toContain('was revoked');
    expect(failure.error.message).not.toContain(key);
    // Nor in what the Gateway page gets: the log list and its live events.
    expect(JSON.stringify(await logged(gw))).not.toContain(key);
    expect(JSON.stringify(await logged(gw))).toContain('was revoked');
    expect(JSON.stringify(gw.events.filter((e) => e.event === 'gateway.request'))).not.toContain(key);
    expect(textOf(response.events.slice(0, -2))).toBe('partial ');
  });

  const wholeChat = (model: string) =>
    fetch(`${gw.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gw.token}` },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }] }),
    });

  it('collects the stream into one JSON body for a whole request; the log keeps the provider usage, the attempt and the TTFT', async () => {
    upstream.onChat(sseReply(sseStream(['Hello', ' there'], { usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } })));

    const response = await wholeChat('Fake/gpt-fake');

    expect(response.status).toBe(200);
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }>; usage: object };
    expect(body.choices[0]?.message.content).toBe('Hello there');
    expect(body.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
    const entry = await logged(gw);
    expect(entry).toMatchObject({ state: 'done', status: 200, stream: false, usage: { inputTokens: 3, outputTokens: 2 } });
    expect(entry.usageEstimated).toBeUndefined();
    expect(entry.attempts.map((a) => a.outcome)).toEqual(['success']);
    expect(entry.ttftMs).toEqual(expect.any(Number));
  });

  it('refuses a whole answer past the answer cap with a clear error, logs it, and keeps serving', async () => {
    const piece = 'x'.repeat(64 * 1024);
    const tokens = Array.from({ length: Math.ceil(MAX_ANSWER_CHARS / piece.length) + 1 }, () => piece);
    upstream.onChat(sseReply(sseStream(tokens)));

    const refused = await wholeChat('Fake/gpt-fake');

    expect(refused.status).toBeGreaterThanOrEqual(500);
    const failure = (await refused.json()) as { error: { message: string } };
    expect(failure.error.message).toMatch(/answer is too long/);
    const entry = await logged(gw);
    expect(entry).toMatchObject({ state: 'error', status: refused.status });
    expect(entry.attempts.map((a) => a.outcome)).toEqual(['error']);

    upstream.onChat(sseReply(sseStream(['still here'])));
    const next = await wholeChat('Fake/gpt-fake');
    expect(next.status).toBe(200);
  });
});
