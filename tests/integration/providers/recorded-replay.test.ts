// Every adapter against real recorded provider responses (tests/helpers/recordings.ts), served from
// a loopback server in the provider's own framing and cut into irregular pieces of a few bytes, both
// streamed and whole. What the user should see is computed from the recording by
// recorded-expectations.ts, never typed by hand and never by the adapter.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopilotProvider, CopilotTokenCache } from '../../../electron/providers/copilot/copilot';
import { createProvider } from '../../../electron/providers/factory';
import { OpenAICodexProvider } from '../../../electron/providers/openai-codex/openai-codex';
import { collectStream } from '../../../electron/providers/collect';
import { type ChatRequest, type Provider } from '../../../electron/providers/traits';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/github';
import {
  bedrockFrames,
  geminiSse,
  namedEventSse,
  openaiChatSse,
  startReplayServer,
  type ReplayServer,
  type Served,
} from '../../fakes/replay';
import { loadManifest, recordingsDir, recordingsOf, type Recording } from '../../helpers/recordings';
import {
  anthropicStream,
  bedrockStream,
  bedrockWhole,
  chatCompletionsStream,
  chatCompletionsWhole,
  geminiResponses,
  observed,
  responsesFailure,
  responsesStream,
  responsesWhole,
  type Expected,
} from './recorded-expectations';

const dir = recordingsDir();
const recordings = (folder: string): Recording[] => (dir ? recordingsOf(dir, folder) : []);
const ask: Omit<ChatRequest, 'model'> = { messages: [{ role: 'user', content: 'Replay' }] };
/** One seed per recording and way of asking, so a failing cut can be replayed exactly. */
const seedOf = (name: string) => createHash('sha256').update(name).digest().readUInt32LE(0);
const SSE = 'text/event-stream';
const JSON_TYPE = 'application/json';

let server: ReplayServer;
let github: FakeGitHub;
beforeAll(async () => {
  server = await startReplayServer();
  github = await startFakeGitHub();
});
afterAll(async () => {
  clearKnownSecrets();
  await server.close();
  await github.close();
});

async function streamed(provider: Provider, model: string) {
  return collectStream(provider.stream({ ...ask, model }), model);
}

function same(actual: Expected, expected: Expected) {
  expect(actual).toEqual(expected);
  // A replay that computes nothing proves nothing.
  expect(expected.text || expected.reasoning || expected.toolCalls.length).toBeTruthy();
}

describe.skipIf(!dir)('real recordings replayed through every adapter, in irregular pieces', () => {
  it('are byte for byte the files the MANIFEST names (git blob ids), each with its source and licence', () => {
    const manifest = loadManifest(dir!);
    expect(manifest.length).toBeGreaterThan(30);
    for (const entry of manifest) {
      const bytes = readFileSync(path.join(dir!, entry.file));
      const blob = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
      expect({ file: entry.file, blob }).toEqual({ file: entry.file, blob: entry.blob });
      expect(entry).toMatchObject({ repository: 'vercel/ai', licence: 'Apache-2.0', commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    }
  });

  const modelOf = (r: Recording) => String(((r.kind === 'stream' ? r.events[0] : r.body) as { model?: string }).model ?? 'recorded-model');

  // ---- OpenAI chat completions and the servers that speak it --------------------------------
  const chatFamilies: Array<{ folder: string; adapter: (r: Recording) => { name: string; provider: () => Provider; path: string } }> = [
    {
      folder: 'openai-chat',
      adapter: () => ({
        name: 'openai',
        provider: () => createProvider('openai', { credential: 'sk-replay-0123456789abcdef', baseUrl: `${server.url}/v1`, env: {} }),
        path: '/v1/chat/completions',
      }),
    },
    {
      folder: 'mistral',
      adapter: () => ({
        name: 'mistral',
        provider: () => createProvider('mistral', { credential: 'mistral-replay-0123456789', baseUrl: `${server.url}/v1`, env: {} }),
        path: '/v1/chat/completions',
      }),
    },
    {
      folder: 'azure-openai',
      adapter: () => ({
        name: 'azure-openai',
        provider: () =>
          createProvider('azure-openai', {
            credential: 'azure-replay-0123456789',
            baseUrl: server.url,
            options: { deployment: 'replayed' },
            env: {},
          }),
        path: '/openai/deployments/replayed/chat/completions',
      }),
    },
    {
      folder: 'openai-compatible',
      adapter: (r) => {
        const key = ({ deepseek: 'deepseek', groq: 'groq', xai: 'xai', alibaba: 'qwen' } as Record<string, string>)[
          r.file.split('/')[1]!.split('-')[0]!
        ]!;
        return {
          name: key,
          provider: () => createProvider(key, { credential: 'replay-key-0123456789abcdef', baseUrl: `${server.url}/v1`, env: {} }),
          path: '/v1/chat/completions',
        };
      },
    },
  ];
  for (const { folder, adapter } of chatFamilies) {
    for (const recording of recordings(folder)) {
      const { name, provider, path } = adapter(recording);
      if (recording.kind === 'stream') {
        it(`${name} streams ${recording.file}`, async () => {
          server.serve('POST', path, { contentType: SSE, bytes: openaiChatSse(recording.lines) }, seedOf(`${name}:${recording.file}`));
          same(
            observed(await streamed(provider(), modelOf(recording)), chatCompletionsStream(recording.events)),
            chatCompletionsStream(recording.events),
          );
          expect(server.lastPieces()).toBeGreaterThan(recording.lines.length);
        });
      } else {
        it(`${name} reads ${recording.file} whole`, async () => {
          server.serve('POST', path, { contentType: JSON_TYPE, bytes: Buffer.from(recording.text) }, seedOf(`${name}:${recording.file}`));
          const expected = chatCompletionsWhole(recording.body);
          same(observed(await provider().chat({ ...ask, model: modelOf(recording) }), expected), expected);
        });
      }
    }
  }

  // Copilot speaks the same wire behind its token exchange.
  for (const recording of recordings('openai-chat')) {
    it(`copilot ${recording.kind === 'stream' ? 'streams' : 'reads'} ${recording.file}`, async () => {
      const copilot = new CopilotProvider({
        credential: 'gho_fakeGitHubToken0123456789',
        env: { SWITCHYARD_GITHUB_URL: github.url },
        baseUrl: `${server.url}/copilot`,
        cache: new CopilotTokenCache(),
        capabilities: { nativeTools: true, vision: true, streaming: true, promptCaching: false },
      });
      const stream = recording.kind === 'stream';
      server.serve(
        'POST',
        '/copilot/chat/completions',
        { contentType: stream ? SSE : JSON_TYPE, bytes: stream ? openaiChatSse(recording.lines) : Buffer.from(recording.text) },
        seedOf(`copilot:${recording.file}`),
      );
      const expected = stream ? chatCompletionsStream(recording.events) : chatCompletionsWhole(recording.body);
      const response = stream ? await streamed(copilot, modelOf(recording)) : await copilot.chat({ ...ask, model: modelOf(recording) });
      same(observed(response, expected), expected);
    });
  }

  // ---- Anthropic Messages: the adapter always streams, for chat() too ------------------------
  for (const recording of recordings('anthropic')) {
    const anthropic = () =>
      createProvider('anthropic', { credential: 'sk-ant-api03-replay0123456789abcdef', baseUrl: server.url, env: {} });
    for (const way of ['stream', 'chat'] as const) {
      it(`anthropic ${way === 'stream' ? 'streams' : 'collects'} ${recording.file}`, async () => {
        server.serve(
          'POST',
          '/v1/messages',
          { contentType: SSE, bytes: namedEventSse(recording.lines, recording.events) },
          seedOf(`anthropic:${way}:${recording.file}`),
        );
        const model = String((recording.events[0] as { message?: { model?: string } }).message?.model);
        const response = way === 'stream' ? await streamed(anthropic(), model) : await anthropic().chat({ ...ask, model });
        const expected = anthropicStream(recording.events);
        same(observed(response, expected), expected);
      });
    }
  }

  // ---- Gemini: streamed chunks, and a whole response served as the one chunk it would be -----
  for (const recording of recordings('gemini')) {
    it(`gemini ${recording.kind === 'stream' ? 'streams' : 'reads whole'} ${recording.file}`, async () => {
      const chunks = recording.kind === 'stream' ? recording.events : [recording.body];
      const model = String((chunks[0] as { modelVersion?: string }).modelVersion ?? 'gemini-replay');
      const lines = recording.kind === 'stream' ? recording.lines : [JSON.stringify(recording.body)];
      server.serve(
        'POST',
        `/v1beta/models/${model}:streamGenerateContent`,
        { contentType: SSE, bytes: geminiSse(lines) },
        seedOf(`gemini:${recording.file}`),
      );
      const gemini = createProvider('gemini', { credential: 'AIza-replay-0123456789abcdef', baseUrl: `${server.url}/v1beta`, env: {} });
      const response = recording.kind === 'stream' ? await streamed(gemini, model) : await gemini.chat({ ...ask, model });
      const expected = geminiResponses(chunks);
      same(observed(response, expected), expected);
    });
  }

  // ---- Bedrock: ConverseStream event-stream frames, and Converse JSON ------------------------
  for (const recording of recordings('bedrock')) {
    it(`bedrock ${recording.kind === 'stream' ? 'streams' : 'reads whole'} ${recording.file}`, async () => {
      const bedrock = createProvider('bedrock', {
        credential: 'ABSKreplayBedrockApiKey0123456789',
        baseUrl: server.url,
        options: { region: 'us-east-1' },
        env: {},
      });
      const stream = recording.kind === 'stream';
      const served: Served = stream
        ? { contentType: 'application/vnd.amazon.eventstream', bytes: bedrockFrames(recording.events) }
        : { contentType: JSON_TYPE, bytes: Buffer.from(recording.text) };
      server.serve(
        'POST',
        `/model/anthropic.claude-replay/${stream ? 'converse-stream' : 'converse'}`,
        served,
        seedOf(`bedrock:${recording.file}`),
      );
      const response = stream
        ? await streamed(bedrock, 'anthropic.claude-replay')
        : await bedrock.chat({ ...ask, model: 'anthropic.claude-replay' });
      const expected = stream ? bedrockStream(recording.events) : bedrockWhole(recording.body);
      same(observed(response, expected), expected);
    });
  }

  // ---- OpenAI Responses, as the Codex backend streams it (and as gateways answer whole) -------
  for (const recording of recordings('openai-responses')) {
    const codex = () =>
      new OpenAICodexProvider({
        baseUrl: `${server.url}/backend-api/codex`,
        auth: { label: 'ChatGPT sign-in', grant: async () => ({ token: 'codex-replay-token-0123456789', accountId: 'acct-replay' }) },
        env: {},
      });
    if (recording.kind === 'whole') {
      it(`openai-codex reads ${recording.file} whole`, async () => {
        server.serve(
          'POST',
          '/backend-api/codex/responses',
          { contentType: JSON_TYPE, bytes: Buffer.from(recording.text) },
          seedOf(`codex:${recording.file}`),
        );
        const expected = responsesWhole(recording.body);
        same(observed(await streamed(codex(), 'gpt-5.3-codex'), expected), expected);
      });
      continue;
    }
    it(`openai-codex streams ${recording.file}`, async () => {
      server.serve(
        'POST',
        '/backend-api/codex/responses',
        { contentType: SSE, bytes: namedEventSse(recording.lines, recording.events) },
        seedOf(`codex:${recording.file}`),
      );
      const failureMessage = responsesFailure(recording.events);
      if (failureMessage) {
        await expect(streamed(codex(), 'gpt-5.3-codex')).rejects.toThrow(failureMessage.slice(0, 60));
        return;
      }
      const expected = responsesStream(recording.events);
      same(observed(await streamed(codex(), 'gpt-5.3-codex'), expected), expected);
    });
  }
});

describe.skipIf(Boolean(dir))('real recordings', () => {
  it.skip('are not installed here: run `node scripts/import-recordings.mjs --from <a git snapshot of vercel/ai>` (see tests/helpers/recordings.ts)', () =>
    undefined);
});
