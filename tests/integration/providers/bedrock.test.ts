import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BedrockProvider, type BedrockOptions } from '../../../electron/providers/bedrock/bedrock';
import { resolveRegion } from '../../../electron/providers/bedrock/credentials';
import { EventStreamDecoder } from '../../../electron/providers/bedrock/eventstream';
import type { ProviderError } from '../../../electron/http/errors';
import { collectStream } from '../../../electron/providers/collect';
import { type ChatRequest, type StreamEvent } from '../../../electron/providers/traits';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { splitAt } from '../../fakes/server';
import {
  awsError,
  converseBody,
  encodeFrame,
  eventFrame,
  exceptionFrame,
  sigv4Sign,
  signingKey,
  startFakeBedrock,
  streamFrames,
  streamReply,
  type BedrockRequest,
  type FakeBedrock,
} from '../../fakes/bedrock';

const MODEL = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const AKID = 'AKIAFAKEBEDROCK00001';
const SECRET = 'fakeSecretKey/0123456789+abcdefghijklmnop';
const TEMP_AKID = 'ASIAFAKEBEDROCK00002';
const TEMP_SECRET = 'tempSecretKey/9876543210+zyxwvutsrqponmlk';
const SESSION_TOKEN = 'FwoGZXIvYXdzEFakeSessionToken/0123456789+abcdefghijklmnopqrstuvwxyz==';
const PROFILE_AKID = 'AKIAFAKEPROFILE00003';
const PROFILE_SECRET = 'profileSecret/ABCDEFGHIJ0123456789+klmnopqrst';
const DEFAULT_AKID = 'AKIAFAKEDEFAULT00004';
const DEFAULT_SECRET = 'defaultSecret/ABCDEFGHIJ0123456789+klmnopqrst';
const BEARER = 'ABSKQmVkcm9ja0FQSUtleS1mYWtlLTAxMjM0NTY3ODk=';
const ALL_SECRETS = [SECRET, TEMP_SECRET, SESSION_TOKEN, PROFILE_SECRET, DEFAULT_SECRET, BEARER];

const user = (content: string): ChatRequest => ({ model: MODEL, messages: [{ role: 'user', content }] });

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as ProviderError,
  );
}

async function drain(events: AsyncIterable<StreamEvent>): Promise<{ events: StreamEvent[]; error?: ProviderError }> {
  const seen: StreamEvent[] = [];
  try {
    for await (const event of events) seen.push(event);
    return { events: seen };
  } catch (error) {
    return { events: seen, error: error as ProviderError };
  }
}

function scopeOf(request: BedrockRequest): string {
  return /Credential=[^/]+\/\d{8}\/([^,]+)\/aws4_request/.exec(String(request.headers.authorization))?.[1] ?? '';
}

describe('Bedrock adapter against the SigV4-checking fake', () => {
  let fake: FakeBedrock;
  let home: string;
  const fakeCredentials = [
    { accessKeyId: AKID, secretAccessKey: SECRET },
    { accessKeyId: TEMP_AKID, secretAccessKey: TEMP_SECRET, sessionToken: SESSION_TOKEN },
    { accessKeyId: PROFILE_AKID, secretAccessKey: PROFILE_SECRET },
    { accessKeyId: DEFAULT_AKID, secretAccessKey: DEFAULT_SECRET },
  ];
  beforeEach(async () => {
    fake = await startFakeBedrock({ credentials: fakeCredentials, bearerKeys: [BEARER] });
    // A home of our own, so no real ~/.aws is ever read.
    home = await mkdtemp(path.join(os.tmpdir(), 'bedrock-test-'));
  });
  afterEach(async () => {
    clearKnownSecrets();
    await fake.close();
    await rm(home, { recursive: true, force: true });
  });
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    HOME: home,
    AWS_ACCESS_KEY_ID: AKID,
    AWS_SECRET_ACCESS_KEY: SECRET,
    ...extra,
  });
  const provider = (options: BedrockOptions = {}) => new BedrockProvider({ baseUrl: fake.url, env: env(), ...options });

  describe('Converse (chat)', () => {
    it('sends a SigV4-signed Converse request with system, messages and inferenceConfig', async () => {
      const response = await provider().chat({
        model: MODEL,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
        temperature: 0.2,
      });
      expect(response).toEqual({
        text: 'Hello from Bedrock',
        toolCalls: [],
        usage: { inputTokens: 11, outputTokens: 7 },
        finishReason: 'stop',
        model: MODEL,
      });
      const request = fake.requests[0]!;
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse');
      expect(request.modelId).toBe(MODEL);
      expect(request.auth).toMatchObject({ kind: 'sigv4', accessKeyId: AKID });
      expect(request.auth.kind === 'sigv4' && request.auth.signedHeaders).toEqual([
        'accept',
        'content-type',
        'host',
        'x-amz-content-sha256',
        'x-amz-date',
      ]);
      // The fake's canonical URI encodes the wire path's %3A once more, as AWS does for every service but S3.
      expect(request.auth.kind === 'sigv4' && request.auth.canonicalRequest.split('\n')[1]).toBe(
        '/model/anthropic.claude-3-5-haiku-20241022-v1%253A0/converse',
      );
      expect(request.headers.authorization).toMatch(
        new RegExp(
          `^AWS4-HMAC-SHA256 Credential=${AKID}/\\d{8}/us-east-1/bedrock/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$`,
        ),
      );
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-amz-security-token']).toBeUndefined();
      expect(request.body).toEqual({
        messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
        system: [{ text: 'Be brief.' }],
        inferenceConfig: { maxTokens: 4096, temperature: 0.2 },
      });
    });

    it('reads text, reasoning, a tool call and cached tokens from the response', async () => {
      fake.onConverse({
        body: converseBody({
          reasoning: ['Think', 'ing.'],
          text: ['Let me look.'],
          tool: { id: 'tooluse_1', name: 'get_weather', json: ['{"city":"Oslo"}'] },
          usage: { inputTokens: 30, outputTokens: 12, cacheReadInputTokens: 20 },
        }),
      });
      const response = await provider().chat({ ...user('Weather?'), maxTokens: 100 });
      expect(response).toEqual({
        text: 'Let me look.',
        reasoning: 'Thinking.',
        signedReasoning: [{ text: 'Thinking.', signature: 'sig' }],
        toolCalls: [{ id: 'tooluse_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }],
        usage: { inputTokens: 50, outputTokens: 12, cachedInputTokens: 20 },
        finishReason: 'tool_calls',
        model: MODEL,
      });
      expect((fake.requests[0]!.body as { inferenceConfig: unknown }).inferenceConfig).toEqual({ maxTokens: 100 });
    });

    it('maps every stopReason, and an empty output', async () => {
      const cases: Array<[string, string]> = [
        ['end_turn', 'stop'],
        ['stop_sequence', 'stop'],
        ['max_tokens', 'length'],
        ['tool_use', 'tool_calls'],
        ['guardrail_intervened', 'content_filter'],
        ['content_filtered', 'content_filter'],
        ['something_new', 'unknown'],
      ];
      for (const [stopReason, finishReason] of cases) {
        fake.onConverse({ body: converseBody({ text: ['x'], stopReason }) });
        expect((await provider().chat(user('q'))).finishReason).toBe(finishReason);
        fake.onConverseStream(streamReply(streamFrames({ text: ['x'], stopReason })));
        expect((await collectStream(provider().stream(user('q')), MODEL)).finishReason).toBe(finishReason);
      }
      fake.onConverse({ body: { output: null, stopReason: 'end_turn', usage: { inputTokens: 1, outputTokens: 0 } } });
      expect(await provider().chat(user('q'))).toMatchObject({ text: '', toolCalls: [], finishReason: 'stop' });
    });
  });

  describe('ConverseStream (stream)', () => {
    it('streams reasoning, text, a tool call from partial JSON, usage and the finish reason', async () => {
      fake.onConverseStream(
        streamReply(
          streamFrames({
            reasoning: ['Let me ', 'check.'],
            text: ['Check', 'ing'],
            tool: { id: 'tooluse_7', name: 'get_weather', json: ['{"ci', 'ty":', '"Oslo"}'] },
            usage: { inputTokens: 40, outputTokens: 25, cacheReadInputTokens: 32 },
          }),
        ),
      );
      const events: StreamEvent[] = [];
      for await (const event of provider().stream({
        ...user('Weather?'),
        tools: [
          {
            name: 'get_weather',
            description: 'Weather for a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        ],
      }))
        events.push(event);
      expect(events).toEqual([
        { type: 'reasoning', delta: 'Let me ' },
        { type: 'reasoning', delta: 'check.' },
        { type: 'signed_reasoning', block: { text: 'Let me check.', signature: 'sig' } },
        { type: 'text', delta: 'Check' },
        { type: 'text', delta: 'ing' },
        { type: 'tool_call', call: { id: 'tooluse_7', name: 'get_weather', arguments: '{"city":"Oslo"}' } },
        // Input tokens count the cache reads too (40 + 32), as OpenAI and Gemini report them.
        { type: 'usage', usage: { inputTokens: 72, outputTokens: 25, cachedInputTokens: 32 } },
        { type: 'done', finishReason: 'tool_calls' },
      ]);
      const request = fake.requests[0]!;
      expect(request.path).toBe('/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse-stream');
      expect(request.headers.accept).toBe('application/vnd.amazon.eventstream');
      expect(request.auth).toMatchObject({ kind: 'sigv4', accessKeyId: AKID });
      expect(request.body).toEqual({
        messages: [{ role: 'user', content: [{ text: 'Weather?' }] }],
        inferenceConfig: { maxTokens: 4096 },
        toolConfig: {
          tools: [
            {
              toolSpec: {
                name: 'get_weather',
                description: 'Weather for a city',
                inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } },
              },
            },
          ],
        },
      });
    });

    it('gives a tool called with no argument deltas "{}"', async () => {
      fake.onConverseStream(streamReply(streamFrames({ tool: { id: 't0', name: 'now', json: [] } })));
      const response = await collectStream(provider().stream(user('time?')), MODEL);
      expect(response.toolCalls).toEqual([{ id: 't0', name: 'now', arguments: '{}' }]);
    });

    it('decodes a small stream split at every byte boundary', async () => {
      const frames = [
        eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hé' } }),
        eventFrame('messageStop', { stopReason: 'end_turn' }),
      ];
      const wire = Buffer.concat(frames);
      for (let at = 1; at < wire.length; at += 1) {
        // The pause makes each piece arrive in its own read (the decoder test below does not depend on timing).
        fake.onConverseStream(streamReply(frames, { splits: [at], pauseMs: 5 }));
        expect(await collectStream(provider().stream(user('q')), MODEL)).toEqual({
          text: 'Hé',
          toolCalls: [],
          usage: {},
          finishReason: 'stop',
          model: MODEL,
        });
      }
      expect(fake.requests).toHaveLength(wire.length - 1);
    });

    it('decodes a larger stream split at random boundaries', async () => {
      const text = Array.from({ length: 40 }, (_, i) => `piece ${i} ✓ `);
      const options = {
        reasoning: ['a', 'b'],
        text,
        tool: { id: 'tooluse_r', name: 'lookup', json: ['{"q":', '"ü"}'] },
        usage: { inputTokens: 5, outputTokens: 6 },
      };
      const wire = Buffer.concat(streamFrames(options));
      let seed = 12345;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (let run = 0; run < 15; run += 1) {
        const splits = Array.from({ length: 1 + Math.floor(random() * 20) }, () => Math.floor(random() * wire.length));
        fake.onConverseStream(streamReply(streamFrames(options), { splits, pauseMs: 1 }));
        expect(await collectStream(provider().stream(user('q')), MODEL)).toEqual({
          text: text.join(''),
          reasoning: 'ab',
          signedReasoning: [{ text: 'ab', signature: 'sig' }],
          toolCalls: [{ id: 'tooluse_r', name: 'lookup', arguments: '{"q":"ü"}' }],
          usage: { inputTokens: 5, outputTokens: 6 },
          finishReason: 'tool_calls',
          model: MODEL,
        });
      }
    });

    it('the decoder alone yields the same frames for every split position and one byte at a time', () => {
      const wire = Buffer.concat(streamFrames({ reasoning: ['r'], text: ['a', 'b'], tool: { id: 't', name: 'n', json: ['{}'] } }));
      const whole = new EventStreamDecoder().feed(wire);
      expect(whole.map((f) => f.headers[':event-type'])).toEqual([
        'messageStart',
        'contentBlockDelta',
        'contentBlockDelta',
        'contentBlockStop',
        'contentBlockDelta',
        'contentBlockDelta',
        'contentBlockStop',
        'contentBlockStart',
        'contentBlockDelta',
        'contentBlockStop',
        'messageStop',
        'metadata',
      ]);
      for (let at = 1; at < wire.length; at += 1) {
        const decoder = new EventStreamDecoder();
        const frames = splitAt(wire, [at]).flatMap((piece) => decoder.feed(piece));
        expect(frames).toEqual(whole);
        expect(decoder.pending).toBe(0);
      }
      const bytewise = new EventStreamDecoder();
      expect([...wire].flatMap((byte) => bytewise.feed(Uint8Array.of(byte)))).toEqual(whole);
    });
  });

  describe('request bodies', () => {
    it('round-trips tools: toolUse on the assistant turn, merged toolResults and the next user text in one user turn', async () => {
      fake.onConverse({ body: converseBody({ tool: { id: 'tooluse_a', name: 'get_weather', json: ['{"city":"Oslo"}'] } }) });
      const tools = [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object' } }];
      const first = await provider().chat({ ...user('Weather in Oslo and Bergen?'), tools });
      expect(first.toolCalls).toEqual([{ id: 'tooluse_a', name: 'get_weather', arguments: '{"city":"Oslo"}' }]);
      fake.onConverse({ body: converseBody({ text: ['Sunny and rainy.'] }) });
      const second = await provider().chat({
        model: MODEL,
        tools,
        messages: [
          { role: 'user', content: 'Weather in Oslo and Bergen?' },
          {
            role: 'assistant',
            content: 'Checking both.',
            toolCalls: [...first.toolCalls, { id: 'tooluse_b', name: 'get_weather', arguments: 'not json' }],
          },
          { role: 'tool', content: 'sunny', toolCallId: 'tooluse_a' },
          { role: 'tool', content: '', toolCallId: 'tooluse_b' },
          { role: 'user', content: 'Thanks. Summarise.' },
        ],
      });
      expect(second.text).toBe('Sunny and rainy.');
      expect(fake.requests[1]!.body).toEqual({
        messages: [
          { role: 'user', content: [{ text: 'Weather in Oslo and Bergen?' }] },
          {
            role: 'assistant',
            content: [
              { text: 'Checking both.' },
              { toolUse: { toolUseId: 'tooluse_a', name: 'get_weather', input: { city: 'Oslo' } } },
              { toolUse: { toolUseId: 'tooluse_b', name: 'get_weather', input: {} } },
            ],
          },
          {
            role: 'user',
            content: [
              { toolResult: { toolUseId: 'tooluse_a', content: [{ text: 'sunny' }] } },
              { toolResult: { toolUseId: 'tooluse_b', content: [{ text: '(no output)' }] } },
              { text: 'Thanks. Summarise.' },
            ],
          },
        ],
        inferenceConfig: { maxTokens: 4096 },
        toolConfig: { tools: [{ toolSpec: { name: 'get_weather', description: 'Weather', inputSchema: { json: { type: 'object' } } } }] },
      });
    });

    it('answers the oldest open call when a tool result has no id', async () => {
      await provider().chat({
        model: MODEL,
        messages: [
          { role: 'user', content: 'q' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [
              { id: 'c1', name: 'a', arguments: '{}' },
              { id: 'c2', name: 'b', arguments: '{}' },
            ],
          },
          { role: 'tool', content: 'one' },
          { role: 'tool', content: 'two' },
        ],
      });
      expect((fake.requests[0]!.body as { messages: unknown[] }).messages[2]).toEqual({
        role: 'user',
        content: [
          { toolResult: { toolUseId: 'c1', content: [{ text: 'one' }] } },
          { toolResult: { toolUseId: 'c2', content: [{ text: 'two' }] } },
        ],
      });
    });

    it('never sends an empty text block (seed quirk): blank assistant text is left out', async () => {
      await provider().chat({
        model: MODEL,
        messages: [
          { role: 'user', content: 'Use the tool.' },
          { role: 'assistant', content: '', toolCalls: [{ id: 't1', name: 'now', arguments: '' }] },
          { role: 'tool', content: '12:00', toolCallId: 't1' },
          { role: 'assistant', content: '   ' },
          { role: 'user', content: 'And now?' },
        ],
      });
      // The fake rejects blank text blocks and non-alternating roles, as Bedrock does; the request passed.
      expect(fake.requests[0]!.body).toEqual({
        messages: [
          { role: 'user', content: [{ text: 'Use the tool.' }] },
          { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'now', input: {} } }] },
          { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: '12:00' }] } }, { text: 'And now?' }] },
        ],
        inferenceConfig: { maxTokens: 4096 },
      });
      // What the seed sent is what Bedrock refuses:
      fake.onConverse({ body: converseBody({ text: ['unused'] }) });
      const seedBody = {
        messages: [
          { role: 'user', content: [{ text: 'q' }] },
          { role: 'assistant', content: [{ text: '' }] },
          { role: 'user', content: [{ text: 'q' }] },
        ],
      };
      const raw = await fetch(`${fake.url}/model/m/converse`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BEARER}`, 'content-type': 'application/json' },
        body: JSON.stringify(seedBody),
      });
      expect(raw.status).toBe(400);
      expect(raw.headers.get('x-amzn-errortype')).toMatch(/^ValidationException:/);
    });

    it('joins every system message as its own block', async () => {
      await provider().chat({
        model: MODEL,
        messages: [
          { role: 'system', content: 'Rule one.' },
          { role: 'system', content: '  ' },
          { role: 'user', content: 'Hi' },
          { role: 'system', content: 'Rule two.' },
        ],
      });
      expect((fake.requests[0]!.body as { system: unknown }).system).toEqual([{ text: 'Rule one.' }, { text: 'Rule two.' }]);
    });

    it('sends images as bytes with their format, before the text; refuses types Bedrock does not take', async () => {
      await provider().chat({
        model: MODEL,
        messages: [
          {
            role: 'user',
            content: 'What are these?',
            images: [
              'data:image/png;base64,UE5H',
              'data:image/jpeg;base64,SlBH',
              'data:image/gif;base64,R0lG',
              'data:image/webp;base64,V0VC',
            ],
          },
        ],
      });
      expect((fake.requests[0]!.body as { messages: unknown[] }).messages).toEqual([
        {
          role: 'user',
          content: [
            { image: { format: 'png', source: { bytes: 'UE5H' } } },
            { image: { format: 'jpeg', source: { bytes: 'SlBH' } } },
            { image: { format: 'gif', source: { bytes: 'R0lG' } } },
            { image: { format: 'webp', source: { bytes: 'V0VC' } } },
            { text: 'What are these?' },
          ],
        },
      ]);
      await provider().chat({ model: MODEL, messages: [{ role: 'user', content: '', images: ['data:image/png;base64,UE5H'] }] });
      expect((fake.requests[1]!.body as { messages: unknown[] }).messages).toEqual([
        { role: 'user', content: [{ image: { format: 'png', source: { bytes: 'UE5H' } } }] },
      ]);
      expect(
        await failure(
          provider().chat({ model: MODEL, messages: [{ role: 'user', content: 'x', images: ['data:image/bmp;base64,Qk0='] }] }),
        ),
      ).toMatchObject({ errorClass: 'capability', message: expect.stringContaining('image/bmp') });
      expect(
        await failure(
          provider().chat({ model: MODEL, messages: [{ role: 'user', content: 'x', images: ['https://example.com/cat.png'] }] }),
        ),
      ).toMatchObject({ errorClass: 'capability' });
      expect(fake.requests).toHaveLength(2);
    });

    it('encodes an inference-profile ARN model id so its "/" stays inside one path segment', async () => {
      const arn = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0';
      await provider().chat({ ...user('Hi'), model: arn });
      expect(fake.requests[0]!.path).toBe(`/model/${encodeURIComponent(arn)}/converse`);
      expect(fake.requests[0]!.modelId).toBe(arn);
      expect(fake.requests[0]!.auth.kind).toBe('sigv4');
    });
  });

  describe('errors', () => {
    const httpCases: Array<[number, string, string, string]> = [
      [400, 'ValidationException', 'The provided model identifier is invalid.', 'bad_request'],
      [400, 'ValidationException', 'Input is too long for requested model.', 'context_window'],
      [400, 'ServiceQuotaExceededException', 'Too many tokens per day.', 'rate_limit'],
      [403, 'AccessDeniedException', "You don't have access to the model with the specified model ID.", 'auth'],
      [403, 'UnrecognizedClientException', 'The security token included in the request is invalid.', 'auth'],
      [404, 'ResourceNotFoundException', 'Could not resolve the foundation model from the provided model identifier.', 'not_found'],
      [408, 'ModelTimeoutException', 'Model timed out.', 'timeout'],
      [424, 'ModelErrorException', 'The model produced an error.', 'server'],
      [429, 'ThrottlingException', 'Too many requests, please wait before trying again.', 'rate_limit'],
      [429, 'ModelNotReadyException', 'Model is not ready.', 'rate_limit'],
      [500, 'InternalServerException', 'Internal server error.', 'server'],
      [503, 'ServiceUnavailableException', 'Bedrock is unable to process your request.', 'server'],
    ];

    it('classifies HTTP errors by x-amzn-errortype and status, for chat and stream', async () => {
      for (const [status, type, message, errorClass] of httpCases) {
        const reply = awsError(status, type, message, status === 429 ? { 'retry-after': '2' } : {});
        fake.onConverse(reply);
        fake.onConverseStream(reply);
        for (const error of [await failure(provider().chat(user('q'))), (await drain(provider().stream(user('q')))).error!]) {
          expect(error).toMatchObject({ name: 'ProviderError', errorClass, status, provider: 'Amazon Bedrock' });
          expect(error.message).toBe(`Amazon Bedrock API error (${status} ${STATUS_CODES[status]}): ${type}: ${message}`);
          if (status === 429) expect(error.retryAfterMs).toBe(2000);
        }
      }
    });

    it('falls back to the status when there is no error type, and keeps a non-JSON body', async () => {
      fake.onConverse({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' });
      expect(await failure(provider().chat(user('q')))).toMatchObject({
        errorClass: 'server',
        status: 502,
        message: 'Amazon Bedrock API error (502 Bad Gateway): <html>Bad Gateway</html>',
      });
      fake.onConverse({ status: 400, body: { __type: 'com.amazon.coral.validate#ValidationException', message: 'bad' } });
      expect(await failure(provider().chat(user('q')))).toMatchObject({
        errorClass: 'bad_request',
        message: 'Amazon Bedrock API error (400 Bad Request): ValidationException: bad',
      });
    });

    it('turns exception frames mid-stream into classified errors after the text already streamed', async () => {
      const cases: Array<[string, string, string]> = [
        ['throttlingException', 'Too many tokens, please wait.', 'rate_limit'],
        ['validationException', 'Input is invalid.', 'bad_request'],
        ['validationException', 'Input is too long for requested model.', 'context_window'],
        ['modelStreamErrorException', 'The model stream failed.', 'server'],
        ['internalServerException', 'Internal error.', 'server'],
        ['serviceUnavailableException', 'Unavailable.', 'server'],
        ['modelTimeoutException', 'Timed out.', 'timeout'],
      ];
      for (const [type, message, errorClass] of cases) {
        const frames = [
          eventFrame('messageStart', { role: 'assistant' }),
          eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Partial' } }),
          exceptionFrame(type, message),
        ];
        fake.onConverseStream(streamReply(frames, { splits: [Buffer.concat(frames.slice(0, 2)).length] }));
        const { events, error } = await drain(provider().stream(user('q')));
        expect(events).toEqual([{ type: 'text', delta: 'Partial' }]);
        expect(error).toMatchObject({
          name: 'ProviderError',
          errorClass,
          message: `Amazon Bedrock reported an error mid-stream: ${type}: ${message}`,
        });
      }
    });

    it('reports a connection cut mid-frame, a stream that ends before messageStop, and a corrupt frame', async () => {
      const frames = streamFrames({ text: ['Hello', ' world'] });
      const wire = Buffer.concat(frames);
      const intoThird = frames[0]!.length + frames[1]!.length + 10;
      // The first bytes arrive, then the connection drops.
      const firstBytes = streamReply([wire.subarray(0, intoThird)]);
      fake.onConverseStream({ ...firstBytes, chunks: [...firstBytes.chunks!, { delayMs: 20 }], cut: true });
      const cut = await drain(provider().stream(user('q')));
      expect(cut.events).toEqual([{ type: 'text', delta: 'Hello' }]);
      expect(cut.error).toMatchObject({ name: 'ProviderError', errorClass: 'network' });

      fake.onConverseStream(streamReply(frames.slice(0, 3)));
      const early = await drain(provider().stream(user('q')));
      expect(early.error).toMatchObject({ errorClass: 'network', message: expect.stringContaining('before messageStop') });

      fake.onConverseStream(streamReply([wire.subarray(0, intoThird)]));
      const partial = await drain(provider().stream(user('q')));
      expect(partial.error).toMatchObject({ errorClass: 'network', message: expect.stringContaining('unfinished frame') });

      const corrupt = Buffer.from(frames[1]!);
      corrupt.writeUInt8(corrupt.readUInt8(corrupt.length - 6) ^ 0xff, corrupt.length - 6);
      fake.onConverseStream(streamReply([frames[0]!, corrupt, ...frames.slice(2)]));
      expect((await drain(provider().stream(user('q')))).error).toMatchObject({
        errorClass: 'server',
        message: expect.stringContaining('corrupt event-stream frame'),
      });
    });

    it('handles an error frame with :error-code headers', async () => {
      fake.onConverseStream(
        streamReply([encodeFrame({ ':message-type': 'error', ':error-code': 'InternalFailure', ':error-message': 'Something broke' }, '')]),
      );
      expect((await drain(provider().stream(user('q')))).error).toMatchObject({
        errorClass: 'server',
        message: expect.stringContaining('InternalFailure: Something broke'),
      });
    });

    it('says exactly what to set when there are no credentials, without touching the network (seed quirk: IMDS error)', async () => {
      const bare = new BedrockProvider({ baseUrl: fake.url, env: { HOME: home } });
      for (const error of [
        await failure(bare.chat(user('q'))),
        (await drain(bare.stream(user('q')))).error!,
        await failure(bare.listModels()),
        await failure(bare.warmup()),
      ]) {
        expect(error).toMatchObject({ name: 'ProviderError', errorClass: 'auth' });
        for (const needle of [
          'BEDROCK_API_KEY',
          'AWS_ACCESS_KEY_ID',
          'AWS_SECRET_ACCESS_KEY',
          'AWS_SESSION_TOKEN',
          'AWS_PROFILE',
          'AWS_SHARED_CREDENTIALS_FILE',
          path.join(home, '.aws', 'credentials'),
        ])
          expect(error.message).toContain(needle);
        expect(error.message).not.toMatch(/169\.254|ECONNREFUSED/);
      }
      expect(
        await failure(new BedrockProvider({ baseUrl: fake.url, env: { HOME: home, AWS_ACCESS_KEY_ID: AKID } }).chat(user('q'))),
      ).toMatchObject({
        errorClass: 'auth',
        message: expect.stringContaining('AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not'),
      });
      expect(
        await failure(new BedrockProvider({ baseUrl: fake.url, env: { HOME: home, AWS_PROFILE: 'missing' } }).chat(user('q'))),
      ).toMatchObject({ errorClass: 'auth', message: expect.stringContaining('"missing"') });
      expect(fake.requests).toHaveLength(0);
    });

    it('reports a wrong secret as the signature mismatch the fake computed, with a hint', async () => {
      const error = await failure(
        provider({ env: env({ AWS_SECRET_ACCESS_KEY: 'wrongSecret/0123456789+abcdefghijklmnopqr' }) }).chat(user('q')),
      );
      expect(error).toMatchObject({ errorClass: 'auth', status: 403 });
      expect(error.message).toContain('InvalidSignatureException: The request signature we calculated does not match');
      expect(error.message).toContain("check AWS_SECRET_ACCESS_KEY and that this computer's clock is right");
      expect(fake.requests[0]!.auth).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('InvalidSignatureException') });
      expect(await failure(provider({ env: env({ AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNKEY000009' }) }).chat(user('q')))).toMatchObject({
        errorClass: 'auth',
        message: expect.stringContaining('UnrecognizedClientException'),
      });
    });

    it('reports a skewed clock as a signature problem', async () => {
      const skewed = await startFakeBedrock({ credentials: fakeCredentials, maxSkewMs: 5 * 60_000 });
      try {
        const p = new BedrockProvider({ baseUrl: skewed.url, env: env(), now: () => new Date(Date.now() - 60 * 60_000) });
        expect(await failure(p.chat(user('q')))).toMatchObject({
          errorClass: 'auth',
          message: expect.stringContaining('Signature expired'),
        });
        const ok = new BedrockProvider({ baseUrl: skewed.url, env: env(), now: () => new Date(Date.now() - 60_000) });
        expect((await ok.chat(user('q'))).text).toBe('Hello from Bedrock');
      } finally {
        await skewed.close();
      }
    });

    it('never shows a secret key, session token or API key in any error message', async () => {
      const errors: ProviderError[] = [];
      const tempEnv = env({ AWS_ACCESS_KEY_ID: TEMP_AKID, AWS_SECRET_ACCESS_KEY: TEMP_SECRET, AWS_SESSION_TOKEN: SESSION_TOKEN });
      // The fake echoes the credentials each provider uses back in its error bodies and frames.
      const cases: Array<[BedrockOptions, string]> = [
        [{}, `leaked ${SECRET}`],
        [{ env: tempEnv }, `leaked ${TEMP_SECRET} and ${SESSION_TOKEN}`],
        [{ credential: BEARER }, `leaked key=${BEARER}`],
      ];
      for (const [options, echo] of cases) {
        fake.onConverse(awsError(400, 'ValidationException', echo));
        errors.push(await failure(provider(options).chat(user('q'))));
        fake.onConverseStream(
          streamReply([eventFrame('messageStart', { role: 'assistant' }), exceptionFrame('validationException', echo)]),
        );
        errors.push((await drain(provider(options).stream(user('q')))).error!);
        fake.onConverse({ status: 500, body: echo });
        errors.push(await failure(provider(options).chat(user('q'))));
      }
      // A bad session token: AWS echoes the canonical request, which carries the token.
      errors.push(await failure(provider({ env: { ...tempEnv, AWS_SECRET_ACCESS_KEY: SECRET } }).chat(user('q'))));
      // Wrong secret, unknown bearer key, no credentials.
      errors.push(await failure(provider({ env: env({ AWS_SECRET_ACCESS_KEY: `${SECRET}x` }) }).chat(user('q'))));
      errors.push(await failure(provider({ credential: `${BEARER}x` }).chat(user('q'))));
      errors.push(await failure(new BedrockProvider({ baseUrl: fake.url, env: { HOME: home } }).chat(user('q'))));
      // A profile file whose secret the fake does not know.
      const credentialsFile = path.join(home, 'creds');
      await writeFile(credentialsFile, `[default]\naws_access_key_id = ${PROFILE_AKID}\naws_secret_access_key = ${PROFILE_SECRET}x\n`);
      errors.push(await failure(new BedrockProvider({ baseUrl: fake.url, env: { HOME: home }, credentialsFile }).chat(user('q'))));
      expect(errors).toHaveLength(14);
      for (const error of errors) {
        expect(error.name).toBe('ProviderError');
        const visible = `${error.message} ${JSON.stringify((error as unknown as { details?: unknown }).details ?? {})}`;
        for (const secret of [...ALL_SECRETS, `${SECRET}x`, `${BEARER}x`, `${PROFILE_SECRET}x`]) expect(visible).not.toContain(secret);
      }
      expect(errors[0]!.message).toContain('[REDACTED]');
    });

    it('reports a cancelled request as cancelled', async () => {
      fake.onConverse({ hang: true });
      const controller = new AbortController();
      const pending = failure(provider().chat({ ...user('q'), signal: controller.signal }));
      setTimeout(() => controller.abort(), 50);
      expect(await pending).toMatchObject({ errorClass: 'cancelled' });
    });
  });

  describe('credentials and region', () => {
    it('signs the session token of temporary credentials', async () => {
      await provider({
        env: env({ AWS_ACCESS_KEY_ID: TEMP_AKID, AWS_SECRET_ACCESS_KEY: TEMP_SECRET, AWS_SESSION_TOKEN: SESSION_TOKEN }),
      }).chat(user('q'));
      const request = fake.requests[0]!;
      expect(request.headers['x-amz-security-token']).toBe(SESSION_TOKEN);
      expect(request.auth).toMatchObject({
        kind: 'sigv4',
        accessKeyId: TEMP_AKID,
        signedHeaders: expect.arrayContaining(['x-amz-security-token']),
      });
      expect(
        await failure(provider({ env: env({ AWS_ACCESS_KEY_ID: TEMP_AKID, AWS_SECRET_ACCESS_KEY: TEMP_SECRET }) }).chat(user('q'))),
      ).toMatchObject({ errorClass: 'auth' });
    });

    it('reads a shared credentials file: [default], a named profile from AWS_PROFILE or the option, and the profile region from the config file', async () => {
      const credentialsFile = path.join(home, 'credentials');
      const configFile = path.join(home, 'config');
      await writeFile(
        credentialsFile,
        `# comment\n[default]\naws_access_key_id = ${DEFAULT_AKID}\naws_secret_access_key = ${DEFAULT_SECRET}\n\n[work]\naws_access_key_id=${PROFILE_AKID}\n; another comment\naws_secret_access_key=${PROFILE_SECRET}\n[temp]\naws_access_key_id = ${TEMP_AKID}\naws_secret_access_key = ${TEMP_SECRET}\naws_session_token = ${SESSION_TOKEN}\n[sso]\nsso_session = corp\nsso_account_id = 1\n`,
      );
      await writeFile(
        configFile,
        `[default]\nregion = us-east-1\n[profile work]\nregion = eu-west-1\ns3 =\n  max_concurrent_requests = 10\n`,
      );
      const fileEnv = { HOME: home, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile };

      await new BedrockProvider({ baseUrl: fake.url, env: fileEnv }).chat(user('q'));
      expect(fake.requests.at(-1)!.auth).toMatchObject({ kind: 'sigv4', accessKeyId: DEFAULT_AKID });

      await new BedrockProvider({ baseUrl: fake.url, env: { ...fileEnv, AWS_PROFILE: 'temp' } }).chat(user('q'));
      expect(fake.requests.at(-1)!.auth).toMatchObject({ kind: 'sigv4', accessKeyId: TEMP_AKID });
      expect(fake.requests.at(-1)!.headers['x-amz-security-token']).toBe(SESSION_TOKEN);

      // A chosen profile beats static env keys (as in the AWS SDK v3); the option beats AWS_PROFILE.
      await new BedrockProvider({
        baseUrl: fake.url,
        env: { ...fileEnv, AWS_PROFILE: 'temp', AWS_ACCESS_KEY_ID: AKID, AWS_SECRET_ACCESS_KEY: SECRET },
        profile: 'default',
      }).chat(user('q'));
      expect(fake.requests.at(-1)!.auth).toMatchObject({ kind: 'sigv4', accessKeyId: DEFAULT_AKID });

      // Profile "work" lives in eu-west-1 (config file), so it is signed for eu-west-1 even through the override URL.
      const euFake = await startFakeBedrock({ region: 'eu-west-1', credentials: fakeCredentials });
      try {
        await new BedrockProvider({ baseUrl: euFake.url, env: fileEnv, credentialsFile, configFile, profile: 'work' }).chat(user('q'));
        expect(euFake.requests[0]!.auth).toMatchObject({ kind: 'sigv4', accessKeyId: PROFILE_AKID });
        expect(scopeOf(euFake.requests[0]!)).toBe('eu-west-1/bedrock');
      } finally {
        await euFake.close();
      }
      // Without the env vars, the options point at the files.
      await new BedrockProvider({ baseUrl: fake.url, env: { HOME: home }, credentialsFile, configFile, profile: 'temp' }).chat(user('q'));
      expect(fake.requests.at(-1)!.auth).toMatchObject({ accessKeyId: TEMP_AKID });
      // ~/.aws/credentials under HOME is the default location.
      await mkdir(path.join(home, '.aws'));
      await writeFile(
        path.join(home, '.aws', 'credentials'),
        `[default]\naws_access_key_id = ${DEFAULT_AKID}\naws_secret_access_key = ${DEFAULT_SECRET}\n`,
      );
      await new BedrockProvider({ baseUrl: fake.url, env: { HOME: home } }).chat(user('q'));
      expect(fake.requests.at(-1)!.auth).toMatchObject({ accessKeyId: DEFAULT_AKID });

      expect(await failure(new BedrockProvider({ baseUrl: fake.url, env: fileEnv, profile: 'sso' }).chat(user('q')))).toMatchObject({
        errorClass: 'auth',
        message: expect.stringContaining('aws configure export-credentials --profile sso'),
      });
    });

    it('resolves the region: option, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1', async () => {
      const configFile = path.join(home, 'config');
      await writeFile(configFile, `[default]\nregion = ap-south-1\n[profile work]\nregion = eu-north-1\n`);
      const all = { HOME: home, AWS_REGION: 'eu-west-2', AWS_DEFAULT_REGION: 'eu-west-3', AWS_CONFIG_FILE: configFile };
      expect(await resolveRegion({ env: all, region: 'ca-central-1' })).toBe('ca-central-1');
      expect(await resolveRegion({ env: all })).toBe('eu-west-2');
      expect(await resolveRegion({ env: { ...all, AWS_REGION: '' } })).toBe('eu-west-3');
      expect(await resolveRegion({ env: { HOME: home, AWS_CONFIG_FILE: configFile } })).toBe('ap-south-1');
      expect(await resolveRegion({ env: { HOME: home, AWS_CONFIG_FILE: configFile, AWS_PROFILE: 'work' } })).toBe('eu-north-1');
      expect(await resolveRegion({ env: { HOME: home }, configFile, profile: 'work' })).toBe('eu-north-1');
      expect(await resolveRegion({ env: { HOME: home } })).toBe('us-east-1');
      expect(await failure(resolveRegion({ env: { HOME: home }, region: 'evil.example.com/x' }))).toMatchObject({
        errorClass: 'bad_request',
      });

      const p = new BedrockProvider({ env: { HOME: home } });
      expect(p.runtimeUrl('eu-west-3')).toBe('https://bedrock-runtime.eu-west-3.amazonaws.com');
      expect(p.controlUrl('eu-west-3')).toBe('https://bedrock.eu-west-3.amazonaws.com');

      // With a base URL override the request is still signed for the resolved region.
      const westFake = await startFakeBedrock({ region: 'us-west-2', credentials: fakeCredentials });
      try {
        await new BedrockProvider({ baseUrl: westFake.url, env: env({ AWS_REGION: 'us-west-2' }) }).chat(user('q'));
        expect(scopeOf(westFake.requests[0]!)).toBe('us-west-2/bedrock');
        await new BedrockProvider({ baseUrl: westFake.url, env: env({ AWS_REGION: 'eu-west-1' }), region: 'us-west-2' }).chat(user('q'));
        expect(westFake.requests[1]!.auth.kind).toBe('sigv4');
        expect(await failure(new BedrockProvider({ baseUrl: westFake.url, env: env() }).chat(user('q')))).toMatchObject({
          errorClass: 'auth',
          message: expect.stringContaining('scoped to a valid region'),
        });
      } finally {
        await westFake.close();
      }
    });

    it('uses a Bedrock API key as Bearer ahead of AWS keys: the profile key, then BEDROCK_API_KEY, then AWS_BEARER_TOKEN_BEDROCK', async () => {
      await provider({ credential: BEARER }).chat(user('q'));
      let request = fake.requests.at(-1)!;
      expect(request.headers.authorization).toBe(`Bearer ${BEARER}`);
      expect(request.auth).toEqual({ kind: 'bearer', token: BEARER });
      expect(request.headers['x-amz-date']).toBeUndefined();
      expect(request.headers['x-amz-content-sha256']).toBeUndefined();

      await provider({ env: env({ BEDROCK_API_KEY: BEARER }) }).chat(user('q'));
      expect(fake.requests.at(-1)!.auth).toEqual({ kind: 'bearer', token: BEARER });
      await provider({ env: { HOME: home, AWS_BEARER_TOKEN_BEDROCK: BEARER } }).chat(user('q'));
      expect(fake.requests.at(-1)!.auth).toEqual({ kind: 'bearer', token: BEARER });
      await collectStream(provider({ credential: BEARER }).stream(user('q')), MODEL);
      request = fake.requests.at(-1)!;
      expect(request.path).toMatch(/converse-stream$/);
      expect(request.auth.kind).toBe('bearer');
      // The profile key wins over BEDROCK_API_KEY.
      expect(await failure(provider({ credential: `${BEARER}x`, env: env({ BEDROCK_API_KEY: BEARER }) }).chat(user('q')))).toMatchObject({
        errorClass: 'auth',
      });
    });
  });

  describe('models and warmup', () => {
    it('lists on-demand text models and inference profiles from the control plane, signed with the query', async () => {
      const models = await provider({ controlBaseUrl: fake.url, baseUrl: 'http://127.0.0.1:9' }).listModels();
      expect(models).toEqual([
        { id: 'amazon.nova-lite-v1:0', details: { name: 'Nova Lite', provider: 'Amazon', lifecycle: 'ACTIVE' } },
        { id: 'us.anthropic.claude-sonnet-4-20250514-v1:0', details: { name: 'US Claude Sonnet 4', kind: 'inference profile' } },
      ]);
      expect(fake.requests.map((r) => [r.method, r.path, r.query.toString(), r.auth.kind])).toEqual([
        ['GET', '/foundation-models', 'byOutputModality=TEXT', 'sigv4'],
        ['GET', '/inference-profiles', 'maxResults=1000&typeEquals=SYSTEM_DEFINED', 'sigv4'],
      ]);
      expect(fake.requests[1]!.auth.kind === 'sigv4' && fake.requests[1]!.auth.canonicalRequest.split('\n')[2]).toBe(
        'maxResults=1000&typeEquals=SYSTEM_DEFINED',
      );
    });

    it('pages inference profiles, and still lists models when profiles are denied', async () => {
      fake.onInferenceProfiles((request) =>
        request.query.get('nextToken') === 'page 2/+'
          ? { body: { inferenceProfileSummaries: [{ inferenceProfileId: 'eu.p2', status: 'ACTIVE' }] } }
          : {
              body: {
                inferenceProfileSummaries: [
                  { inferenceProfileId: 'eu.p1', status: 'ACTIVE' },
                  { inferenceProfileId: 'eu.old', status: 'LEGACY' },
                ],
                nextToken: 'page 2/+',
              },
            },
      );
      expect((await provider().listModels()).map((m) => m.id)).toEqual(['amazon.nova-lite-v1:0', 'eu.p1', 'eu.p2']);
      fake.onInferenceProfiles(awsError(403, 'AccessDeniedException', 'not allowed'));
      expect((await provider().listModels()).map((m) => m.id)).toEqual(['amazon.nova-lite-v1:0']);
      fake.onFoundationModels(awsError(403, 'AccessDeniedException', 'not allowed'));
      expect(await failure(provider().listModels())).toMatchObject({ errorClass: 'auth' });
    });

    it('warms up with a signed GET / and ignores the status', async () => {
      await provider().warmup();
      expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/', auth: { kind: 'sigv4' } });
    });

    it('reports its capabilities', () => {
      expect(provider().capabilities()).toEqual({ nativeTools: true, vision: true, streaming: true, promptCaching: false });
      expect(provider()).toMatchObject({ key: 'bedrock', displayName: 'Amazon Bedrock' });
    });
  });
});

describe('SigV4 against AWS published test vectors', () => {
  const vector = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

  it('derives the documented signing key (20150830, us-east-1, iam)', () => {
    expect(signingKey(vector.secretAccessKey, '20150830', 'us-east-1', 'iam').toString('hex')).toBe(
      'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9',
    );
  });

  it('get-vanilla: the fake signer and @smithy/signature-v4 both give the published signature', async () => {
    const expected = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';
    const ours = sigv4Sign({
      method: 'GET',
      rawPath: '/',
      rawQuery: '',
      headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' },
      signedHeaders: ['host', 'x-amz-date'],
      body: '',
      ...vector,
      region: 'us-east-1',
      service: 'service',
      amzDate: '20150830T123600Z',
    });
    expect(ours.signature).toBe(expected);
    const signer = new SignatureV4({
      service: 'service',
      region: 'us-east-1',
      credentials: vector,
      sha256: Hash.bind(null, 'sha256'),
      uriEscapePath: true,
      applyChecksum: false,
    });
    const signed = await signer.sign(
      {
        method: 'GET',
        protocol: 'https:',
        hostname: 'example.amazonaws.com',
        path: '/',
        query: {},
        headers: { host: 'example.amazonaws.com' },
      },
      { signingDate: new Date('2015-08-30T12:36:00Z') },
    );
    expect(signed.headers.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${expected}`,
    );
  });
});
