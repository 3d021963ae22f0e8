// The CLI providers against the real programs (Claude Code 2.1.332, Gemini CLI 0.61.0, Kilo 7.7.7,
// pinned in tests/real-clis/), each pointed at a loopback fake of its backend, in a temporary HOME,
// behind a proxy that refuses anything but loopback. These prove what fake executables cannot: that
// the flags of our invocation table are accepted, that the model we name reaches the backend, that
// our reading of each tool's output gives the exact answer, that Claude Code and Gemini CLI stream
// it as it arrives, that backend errors come out clearly, and that a cancelled run leaves no process.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createProvider } from '../../../electron/providers/factory';
import type { ChatRequest, Provider, StreamEvent } from '../../../electron/providers/traits';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { messageEvents, sse, startFakeAnthropic, type FakeAnthropic } from '../../fakes/anthropic';
import { geminiChunk, geminiSse, modelNotFound, startFakeGemini, type FakeGemini } from '../../fakes/gemini';
import { startLoopbackProxy, type LoopbackProxy } from '../../fakes/loopback-proxy';
import { chunkJson, errorReply, sseReply, sseStream, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import type { RecordedRequest } from '../../fakes/server';
import { baseEnv, claudeCodeEnv, geminiCliEnv, kiloEnv, processesWithEnv, realClisBin, tempHome } from '../../helpers/real-clis';

// Installing the tools the first time downloads ~270 MB; each run starts a real program (Kilo's
// start-up alone takes many seconds on a busy machine). These bound a hung run, they time nothing.
const INSTALL_MS = 600_000;
const RUN_MS = 300_000;
const linux = process.platform === 'linux';

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Reads the stream, calling `onText` after each text event (to open the fake's next gate). */
async function collect(
  provider: Provider,
  request: ChatRequest,
  onText: (count: number) => void = () => undefined,
): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of provider.stream(request)) {
    events.push(event);
    if (event.type === 'text') onText(events.filter((e) => e.type === 'text').length);
  }
  return events;
}

const texts = (events: StreamEvent[]) => events.flatMap((e) => (e.type === 'text' ? [e.delta] : []));

/** The request that carried our prompt (a tool may make others of its own). */
function requestWith(requests: RecordedRequest[], marker: string): RecordedRequest {
  const found = requests.filter((r) => r.rawBody.includes(marker));
  expect(found, `one request carrying "${marker}"`).toHaveLength(1);
  return found[0]!;
}

interface Harness {
  proxy: LoopbackProxy;
  /** A provider for a run in a fresh HOME, which `prepare` may fill first. */
  provider(extraEnv?: Record<string, string>, prepare?: (home: string) => Promise<void>): Promise<Provider>;
}

/** A guard proxy and temporary HOMEs for one tool; checks after each test that nothing left loopback. */
function harness(key: string, toolEnv: (home: string) => Promise<Record<string, string>> | Record<string, string>): Harness {
  const homes: Array<{ remove(): void }> = [];
  const state = {} as Harness;
  beforeAll(async () => {
    realClisBin();
    state.proxy = await startLoopbackProxy();
  }, INSTALL_MS);
  afterEach(() => {
    expect(state.proxy.refused, 'destinations other than loopback').toEqual([]);
  });
  afterAll(async () => {
    clearKnownSecrets();
    await state.proxy?.close();
    for (const home of homes) home.remove();
  });
  state.provider = async (extraEnv = {}, prepare) => {
    const home = tempHome();
    homes.push(home);
    const env = { ...baseEnv(home.env, state.proxy.url), ...(await toolEnv(home.home)), ...extraEnv };
    await prepare?.(home.home);
    return createProvider(key, { env });
  };
  return state;
}

/** After an answer, nothing of the run is still running (no helper or daemon left behind). */
async function expectNothingLeft(runId: string): Promise<void> {
  if (linux) await vi.waitFor(() => expect(processesWithEnv('SWITCHYARD_TEST_RUN', runId)).toEqual([]), { timeout: 50_000, interval: 100 });
}

/** Cancels a run once the backend has its request, and checks that the tool's whole tree is gone. */
async function expectCancelKillsTree(
  provider: Provider,
  model: string,
  requests: () => RecordedRequest[],
  marker: string,
  runId: string,
  atLeast: number,
): Promise<void> {
  const controller = new AbortController();
  const outcome = provider.chat({ model, messages: [{ role: 'user', content: marker }], signal: controller.signal }).then(
    () => new Error('the run should not have answered'),
    (error: unknown) => error as Error,
  );
  await vi.waitFor(() => expect(requests().some((r) => r.rawBody.includes(marker))).toBe(true), { timeout: RUN_MS, interval: 100 });
  // At least the processes we know of: Gemini CLI's relaunched child, Kilo's launcher and binary.
  expect(processesWithEnv('SWITCHYARD_TEST_RUN', runId).length).toBeGreaterThanOrEqual(atLeast);
  controller.abort();
  expect((await outcome).name).toBe('AbortError');
  await vi.waitFor(() => expect(processesWithEnv('SWITCHYARD_TEST_RUN', runId)).toEqual([]), { timeout: 50_000, interval: 100 });
}

describe('Claude Code (real CLI) against a fake Anthropic API', () => {
  let fake: FakeAnthropic;
  const h = harness('claude-code', () => claudeCodeEnv(fake.url));
  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterAll(() => fake.close());

  it(
    'streams the answer as the API sends it, piece by piece, and reads the usage from its result',
    async () => {
      // The fake holds the rest of its answer until the provider has passed on the piece before: a
      // provider that waited for the tool to finish would never see the first piece, and hang here.
      const gates = [deferred(), deferred()];
      const events = messageEvents({ text: ['Hel', 'lo, ', 'world'], inputTokens: 21, outputTokens: 3 });
      const third = events.findIndex((e) => (e.delta as { text?: string } | undefined)?.text === 'world');
      fake.onMessages({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        chunks: [
          sse(events.slice(0, third - 1)),
          { call: () => gates[0]!.promise },
          sse(events.slice(third - 1, third)),
          { call: () => gates[1]!.promise },
          sse(events.slice(third)),
        ],
      });
      const provider = await h.provider();
      const got = await collect(provider, { model: 'claude-fake-model-7', messages: [{ role: 'user', content: 'stream-marker-1' }] }, (n) =>
        gates[n - 1]?.resolve(),
      );
      expect(texts(got)).toEqual(['Hel', 'lo, ', 'world']);
      expect(got).toContainEqual({ type: 'usage', usage: { inputTokens: 21, outputTokens: 3, cachedInputTokens: 0, reasoningTokens: 0 } });
      expect(got.at(-1)).toEqual({ type: 'done', finishReason: 'stop' });
      expect((requestWith(fake.requests, 'stream-marker-1').body as { stream?: boolean }).stream).toBe(true);
    },
    RUN_MS,
  );

  it(
    'sends the model we name and the prompt from stdin, offers the model no tools, returns the exact answer and leaves nothing running',
    async () => {
      fake.onMessages({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        chunks: [sse(messageEvents({ text: ['Paris', ' is the capital.'] }))],
      });
      const runId = randomUUID();
      const provider = await h.provider({ SWITCHYARD_TEST_RUN: runId });
      const response = await provider.chat({
        model: 'claude-fake-model-7',
        messages: [
          { role: 'system', content: 'Answer briefly.' },
          { role: 'user', content: 'prompt-marker-2: capital of France?' },
        ],
      });
      expect(response.text).toBe('Paris is the capital.');
      await expectNothingLeft(runId);
      const body = requestWith(fake.requests, 'prompt-marker-2').body as { model: string; messages: unknown[]; tools?: unknown[] };
      expect(body.model).toBe('claude-fake-model-7');
      expect(JSON.stringify(body.messages)).toContain('Answer briefly.\\n\\nprompt-marker-2: capital of France?');
      expect(body.tools ?? []).toEqual([]);
      // The guard saw the call, so the tool honours the proxy variables and `refused` means something.
      expect(h.proxy.passed).toContain(`POST 127.0.0.1:${fake.port}/v1/messages`);
    },
    RUN_MS,
  );

  it(
    "starts none of the user's MCP servers",
    async () => {
      fake.onMessages({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [sse(messageEvents({ text: ['ok'] }))] });
      const mark = path.join(os.tmpdir(), `switchyard-mcp-probe-${randomUUID()}`);
      const provider = await h.provider({}, async (home) => {
        const server = {
          type: 'stdio',
          command: process.execPath,
          args: ['-e', `require('node:fs').writeFileSync(${JSON.stringify(mark)}, 'started')`],
        };
        await writeFile(path.join(home, '.claude.json'), JSON.stringify({ mcpServers: { probe: server } }));
      });
      expect((await provider.chat({ model: 'claude-fake-model-7', messages: [{ role: 'user', content: 'mcp-marker-4' }] })).text).toBe(
        'ok',
      );
      expect(existsSync(mark)).toBe(false);
    },
    RUN_MS,
  );

  it(
    'passes no --model for "default": the tool picks its own model',
    async () => {
      fake.onMessages({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [sse(messageEvents({ text: ['ok'] }))] });
      const response = await (await h.provider()).chat({ model: 'default', messages: [{ role: 'user', content: 'default-marker-3' }] });
      expect(response.text).toBe('ok');
      const model = (requestWith(fake.requests, 'default-marker-3').body as { model: string }).model;
      expect(model).toMatch(/^claude-/);
    },
    RUN_MS,
  );

  it.each([
    [404, 'not_found_error', 'model: claude-nope', 'not_found', /Claude Code: .*claude-nope/],
    [401, 'authentication_error', 'invalid x-api-key', 'auth', /^Claude Code: Invalid API key/],
  ])(
    'surfaces a %i from the API with its status and message',
    async (status, type, message, errorClass, text) => {
      fake.onMessages({ status, body: { type: 'error', error: { type, message } } });
      const error = await (await h.provider())
        .chat({ model: 'claude-nope', messages: [{ role: 'user', content: `error-marker-${status}` }] })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ProviderError', errorClass, status, message: expect.stringMatching(text) });
    },
    RUN_MS,
  );

  it(
    'says a signed-out tool needs signing in',
    async () => {
      const error = await (await h.provider({ ANTHROPIC_API_KEY: '' }))
        .chat({ model: 'claude-fake-model-7', messages: [{ role: 'user', content: 'signed-out-marker' }] })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'ProviderError',
        errorClass: 'auth',
        message: expect.stringMatching(/^Claude Code: Not logged in.*run `claude` once in a terminal\.$/),
      });
    },
    RUN_MS,
  );

  it.runIf(linux)(
    'a cancelled run leaves no process of the tool behind',
    async () => {
      fake.onMessages({ hang: true });
      const runId = randomUUID();
      await expectCancelKillsTree(
        await h.provider({ SWITCHYARD_TEST_RUN: runId }),
        'claude-fake-model-7',
        () => fake.requests,
        'cancel-marker-claude',
        runId,
        1,
      );
    },
    RUN_MS,
  );
});

describe('Gemini CLI (real CLI) against a fake Gemini API', () => {
  let fake: FakeGemini;
  const h = harness('gemini-cli', (home) => geminiCliEnv(home, fake.url));
  beforeAll(async () => {
    fake = await startFakeGemini();
  });
  afterAll(() => fake.close());

  it(
    'streams the answer as the API sends it, with the model we name and the usage it reports',
    async () => {
      const gate = deferred();
      const usage = { promptTokenCount: 17, candidatesTokenCount: 6, totalTokenCount: 23 };
      fake.onStream('gemini-fake-model-7', {
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        chunks: [
          geminiSse([geminiChunk([{ text: 'Bonjour' }])]),
          { call: () => gate.promise },
          geminiSse([geminiChunk([{ text: ' le monde' }], { finishReason: 'STOP', usage })]),
        ],
      });
      const runId = randomUUID();
      const provider = await h.provider({ SWITCHYARD_TEST_RUN: runId });
      const got = await collect(
        provider,
        {
          model: 'gemini-fake-model-7',
          messages: [
            { role: 'system', content: 'Be brief.' },
            { role: 'user', content: 'stream-marker-g1' },
          ],
        },
        (n) => n === 1 && gate.resolve(),
      );
      expect(texts(got)).toEqual(['Bonjour', ' le monde']);
      await expectNothingLeft(runId);
      expect(got).toContainEqual({ type: 'usage', usage: { inputTokens: 17, outputTokens: 6, cachedInputTokens: 0 } });
      expect(got.at(-1)).toEqual({ type: 'done', finishReason: 'stop' });
      const request = requestWith(fake.requests, 'stream-marker-g1');
      expect(request.path).toBe('/v1beta/models/gemini-fake-model-7:streamGenerateContent');
      expect(request.rawBody).toContain('Be brief.\\n\\nstream-marker-g1');
      expect(h.proxy.passed).toContain(`CONNECT 127.0.0.1:${fake.port}`);
    },
    RUN_MS,
  );

  it(
    'says a signed-out tool needs signing in',
    async () => {
      const error = await (
        await h.provider({ GEMINI_API_KEY: '', GOOGLE_GEMINI_BASE_URL: '' }, (home) => rm(path.join(home, '.gemini'), { recursive: true }))
      )
        .chat({ model: 'gemini-fake-model-7', messages: [{ role: 'user', content: 'signed-out-marker' }] })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'ProviderError',
        errorClass: 'auth',
        message: expect.stringMatching(
          /^Gemini CLI exited with 41\. It may not be signed in: run `gemini` once in a terminal\. Stderr: Please set an Auth method/,
        ),
      });
    },
    RUN_MS,
  );

  it(
    "starts none of the user's MCP servers",
    async () => {
      const mark = path.join(os.tmpdir(), `switchyard-mcp-probe-${randomUUID()}`);
      const provider = await h.provider({}, async (home) => {
        const file = path.join(home, '.gemini', 'settings.json');
        const settings = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
        settings.mcpServers = {
          probe: { command: process.execPath, args: ['-e', `require('node:fs').writeFileSync(${JSON.stringify(mark)}, 'started')`] },
        };
        await writeFile(file, JSON.stringify(settings));
      });
      expect((await provider.chat({ model: 'gemini-fake', messages: [{ role: 'user', content: 'mcp-marker-g3' }] })).text).toBe(
        'Hello from Gemini',
      );
      expect(existsSync(mark)).toBe(false);
    },
    RUN_MS,
  );

  it(
    'surfaces a 404 from the API with its message',
    async () => {
      fake.onStream('gemini-nope', modelNotFound('gemini-nope'));
      const error = await (await h.provider())
        .chat({ model: 'gemini-nope', messages: [{ role: 'user', content: 'error-marker-g2' }] })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'ProviderError',
        message: expect.stringMatching(/^Gemini CLI: .*models\/gemini-nope is not found/),
      });
    },
    RUN_MS,
  );

  it.runIf(linux)(
    'a cancelled run leaves no process of the tool behind (Gemini CLI relaunches itself as a child)',
    async () => {
      fake.onStream('gemini-fake-model-7', { hang: true });
      const runId = randomUUID();
      await expectCancelKillsTree(
        await h.provider({ SWITCHYARD_TEST_RUN: runId }),
        'gemini-fake-model-7',
        () => fake.requests,
        'cancel-marker-gemini',
        runId,
        2,
      );
    },
    RUN_MS,
  );
});

// Kilo starts a launcher and a binary that each take tens of seconds on a busy 2-core machine
// (measured: 40–70 s a run at load 15, one cancel test over 300 s), which alone would break the
// suite's 4-minute budget. Its real runs are opt-in: SWITCHYARD_REAL_KILO=1 npx vitest run <this file>.
describe.runIf(process.env.SWITCHYARD_REAL_KILO === '1')('Kilo (real CLI) against a fake OpenAI-compatible API', () => {
  let fake: FakeOpenAI;
  const models = ['kilo-fake-model-7'];
  const h = harness('kilocli', () => kiloEnv(fake.baseUrl, models));
  beforeAll(async () => {
    fake = await startFakeOpenAI(models);
  });
  afterAll(() => fake.close());

  it(
    'runs `kilo run` with the model we name, offers the model no tools, returns the exact answer, reasoning and usage, and leaves nothing running',
    async () => {
      const stream = sseStream(['Forty', '-two.'], {
        reasoning: ['Six times ', 'seven.'],
        usage: { prompt_tokens: 31, completion_tokens: 8, total_tokens: 39 },
      });
      fake.onChat(sseReply(stream));
      const runId = randomUUID();
      const got = await collect(await h.provider({ SWITCHYARD_TEST_RUN: runId }), {
        model: 'fake/kilo-fake-model-7',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'prompt-marker-k1: six times seven?' },
        ],
      });
      expect(texts(got).join('')).toBe('Forty-two.');
      await expectNothingLeft(runId);
      expect(got.flatMap((e) => (e.type === 'reasoning' ? [e.delta] : [])).join('')).toBe('Six times seven.');
      expect(got.filter((e) => e.type === 'usage').at(-1)).toMatchObject({ usage: { inputTokens: 31, outputTokens: 8 } });
      expect(got.at(-1)).toEqual({ type: 'done', finishReason: 'stop' });
      const body = requestWith(fake.requests, 'prompt-marker-k1').body as { model: string; tools?: unknown[] };
      expect(body.model).toBe('kilo-fake-model-7');
      expect(body.tools ?? []).toEqual([]);
      expect(h.proxy.passed).toContain(`POST 127.0.0.1:${fake.port}/v1/chat/completions`);
    },
    RUN_MS,
  );

  it(
    'surfaces a 404 from the API with its status and message',
    async () => {
      fake.onChat(errorReply(404, 'The model `kilo-fake-model-7` does not exist'));
      const error = await (await h.provider())
        .chat({ model: 'fake/kilo-fake-model-7', messages: [{ role: 'user', content: 'error-marker-k2' }] })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'ProviderError',
        errorClass: 'not_found',
        status: 404,
        message: 'KiloCLI: The model `kilo-fake-model-7` does not exist',
      });
    },
    RUN_MS,
  );

  it.runIf(linux)(
    'a cancelled run leaves no process of the tool behind (its launcher and its binary)',
    async () => {
      fake.onChat({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        chunks: [
          `data: ${JSON.stringify(chunkJson({ role: 'assistant', content: '' }))}\n\n`,
          { call: () => new Promise(() => undefined) },
        ],
      });
      const runId = randomUUID();
      await expectCancelKillsTree(
        await h.provider({ SWITCHYARD_TEST_RUN: runId }),
        'fake/kilo-fake-model-7',
        () => fake.requests,
        'cancel-marker-kilo',
        runId,
        2,
      );
    },
    RUN_MS,
  );
});
