// Every adapter against a hostile provider (issue #22 §9): what a server sends is bounded whatever
// the wire format — error bodies, single events, the whole answer, silence dressed up as
// keep-alives, and the time a request may take. Each case reads the stream the way chat does and
// checks the typed error a person would see, and that the connection was closed, not drained.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../electron/http/errors';
import { createProvider } from '../../../electron/providers/factory';
import { BedrockProvider } from '../../../electron/providers/bedrock/bedrock';
import { OpenAICodexProvider } from '../../../electron/providers/openai-codex/openai-codex';
import {
  MAX_ERROR_BODY_BYTES,
  MAX_EVENT_BYTES,
  MAX_JSON_BODY_BYTES,
  REQUEST_DEADLINE_ENV,
  STREAM_IDLE_ENV,
} from '../../../electron/http/limits';
import { limitAnswer, MAX_ANSWER_CHARS } from '../../../electron/providers/limits';
import type { Provider, StreamEvent } from '../../../electron/providers/traits';
import { ENDLESS_TOKEN, startHostileProvider, type HostileProvider, type Wire } from '../../fakes/hostile';

const MB = 1024 * 1024;
const KEY = 'hostile-test-key-0123456789';

function providerFor(wire: Wire, url: string, env: NodeJS.ProcessEnv = {}): Provider {
  switch (wire) {
    case 'openai':
      return createProvider('openai', { credential: KEY, baseUrl: url, env });
    case 'anthropic':
      return createProvider('anthropic', { credential: KEY, baseUrl: url, env });
    case 'gemini':
      return createProvider('gemini', { credential: KEY, baseUrl: url, env });
    case 'ollama':
      return createProvider('ollama', { baseUrl: url, env });
    case 'codex':
      return new OpenAICodexProvider({
        baseUrl: url,
        auth: { label: 'ChatGPT sign-in', grant: async () => ({ token: KEY, accountId: 'acct-hostile' }) },
        env,
      });
    case 'bedrock':
      return new BedrockProvider({ baseUrl: url, env: { ...env, HOME: '/nonexistent', BEDROCK_API_KEY: KEY, AWS_REGION: 'us-east-1' } });
  }
}

/** Reads a stream as chat does; returns what arrived and the error that ended it. */
async function read(events: AsyncIterable<StreamEvent>): Promise<{ text: string; error: ProviderError }> {
  let text = '';
  try {
    for await (const event of events) if (event.type === 'text') text += event.delta;
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { text, error };
  }
  throw new Error(`the stream ended normally after ${text.length} characters`);
}

const ask = { model: 'hostile-model', messages: [{ role: 'user' as const, content: 'hi' }] };
const WIRES: Wire[] = ['openai', 'anthropic', 'gemini', 'codex', 'ollama', 'bedrock'];

describe.each(WIRES)('the %s adapter against a hostile provider', (wire) => {
  let fake: HostileProvider;
  beforeEach(async () => {
    fake = await startHostileProvider(wire);
  });
  afterEach(() => fake.close());

  it('reads at most 1 MB of a 50 MB error body, says it was cut, and closes the connection', async () => {
    fake.act({ kind: 'error-body', bytes: 50 * MB, status: 500 });
    const { error } = await read(providerFor(wire, fake.url).stream(ask));
    expect(error).toMatchObject({ status: 500, errorClass: 'server' });
    expect(error.message).toMatch(
      /Something went wrong upstream: x+\.\.\. \(the error body was longer than 1 MB; only its start was read and the connection was closed\)/,
    );
    expect(error.message.length).toBeLessThan(1000);
    await fake.lastClosed();
    expect(fake.last().clientHungUp).toBe(true);
    expect(MAX_ERROR_BODY_BYTES).toBe(1 * MB);
  });

  it('stops at a 50 MB event with a clear error, keeping the token that came before it', async () => {
    fake.act({ kind: 'huge-line', bytes: 50 * MB });
    const { text, error } = await read(providerFor(wire, fake.url).stream(ask));
    expect(text).toBe('Hello');
    expect(error).toMatchObject({ errorClass: 'server' });
    expect(error.message).toMatch(
      wire === 'bedrock'
        ? /sent an event-stream frame \(52428800 bytes\) larger than 1 MB; the stream was stopped/
        : /sent a (stream event or line|line) larger than 1 MB; the stream was stopped/,
    );
    await fake.lastClosed();
    expect(fake.last().clientHungUp).toBe(true);
    expect(MAX_EVENT_BYTES).toBe(1 * MB);
  });

  it('stops an endless stream at the answer cap and keeps exactly what fits', async () => {
    fake.act({ kind: 'endless' });
    const { text, error } = await read(limitAnswer(providerFor(wire, fake.url).stream(ask), 'Hostile'));
    expect(error.message).toMatch(/^Hostile: the answer is too long \(over 4 MB of text\); it was stopped there and what arrived is kept/);
    expect(text.length).toBe(MAX_ANSWER_CHARS);
    expect(text.startsWith(`Hello${ENDLESS_TOKEN}${ENDLESS_TOKEN}`)).toBe(true);
    await fake.lastClosed();
    expect(fake.last().clientHungUp).toBe(true);
  });

  it.runIf(['anthropic', 'gemini', 'codex', 'ollama'].includes(wire))(
    'stops an endless answer collected for chat() at the answer cap',
    async () => {
      fake.act({ kind: 'endless' });
      const provider = providerFor(wire, fake.url);
      await expect(provider.chat(ask)).rejects.toMatchObject({
        errorClass: 'server',
        message: expect.stringMatching(new RegExp(`^${provider.displayName}: the answer is too long`)),
      });
      await fake.lastClosed();
      expect(fake.last().clientHungUp).toBe(true);
    },
  );

  it.runIf(['openai', 'anthropic', 'bedrock'].includes(wire))('stops a tool call whose input never ends at the answer cap', async () => {
    fake.act({ kind: 'endless-tool-input' });
    const provider = providerFor(wire, fake.url);
    const { error } = await read(provider.stream(ask));
    expect(error.message).toMatch(new RegExp(`^${provider.displayName}: the answer is too long \\(over 4 MB of text\\)`));
    await fake.lastClosed();
    expect(fake.last().clientHungUp).toBe(true);
  });

  it.runIf(wire === 'openai')('refuses a JSON response over 32 MB (a model list) without holding it', async () => {
    fake.act({ kind: 'error-body', status: 200, bytes: 40 * MB });
    await expect(providerFor(wire, fake.url).listModels()).rejects.toMatchObject({
      errorClass: 'server',
      message: expect.stringMatching(/sent a response larger than 32 MB; it was not read/),
    });
    await fake.lastClosed();
    expect(fake.last().clientHungUp).toBe(true);
    expect(MAX_JSON_BODY_BYTES).toBe(32 * MB);
  });

  it.skipIf(wire === 'bedrock')('gives up on a stream that only sends keep-alives once the idle timeout passes', async () => {
    fake.act({ kind: 'keep-alives', everyMs: 40 });
    const { text, error } = await read(providerFor(wire, fake.url, { [STREAM_IDLE_ENV]: '400' }).stream(ask));
    expect(text).toBe('Hello');
    expect(error).toMatchObject({ errorClass: 'timeout' });
    expect(error.message).toMatch(/sent no data for 400 ms \(keep-alives do not count\); the stream was stopped/);
    await fake.lastClosed();
    expect(fake.last().clientHungUp).toBe(true);
  });

  it('stops a never-ending trickle of real tokens at the request deadline', async () => {
    fake.act({ kind: 'trickle', everyMs: 40 });
    const { text, error } = await read(
      providerFor(wire, fake.url, { [REQUEST_DEADLINE_ENV]: '1000', [STREAM_IDLE_ENV]: '60000' }).stream(ask),
    );
    expect(text).toMatch(/^Hello( drip)+$/);
    expect(error).toMatchObject({ errorClass: 'timeout' });
    expect(error.message).toMatch(/did not finish within the request deadline of 1 s; the request was stopped/);
    await fake.lastClosed();
    expect(fake.last().clientHungUp).toBe(true);
  });
});
