// Records what the real CLIs print for an answer and for a backend error, into
// tests/fixtures/cli-output/, for the output-reader unit tests (tests/unit/providers/cli-output.test.ts).
// Run it again after changing the pinned versions: `npx tsx tests/real-clis/record-output.ts`.
// Each tool runs exactly as the provider runs it (the invocation table), against the same fakes and
// in the same loopback-only environment as cli-real.test.ts.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI_INVOCATIONS } from '../../electron/providers/cli/tools';
import { messageEvents, sse, startFakeAnthropic } from '../fakes/anthropic';
import { geminiChunk, geminiSse, modelNotFound, startFakeGemini } from '../fakes/gemini';
import { startLoopbackProxy } from '../fakes/loopback-proxy';
import { errorReply, sseReply, sseStream, startFakeOpenAI } from '../fakes/openai';
import { baseEnv, claudeCodeEnv, geminiCliEnv, kiloEnv, tempHome } from '../helpers/real-clis';

const out = path.resolve(import.meta.dirname, '../fixtures/cli-output');
mkdirSync(out, { recursive: true });
const proxy = await startLoopbackProxy();

async function record(
  key: string,
  model: string,
  toolEnv: (home: string) => Promise<Record<string, string>> | Record<string, string>,
  file: string,
): Promise<void> {
  const invocation = CLI_INVOCATIONS[key]!;
  const home = tempHome();
  const child = spawn(invocation.tool.binary, invocation.args(model), {
    env: { ...baseEnv(home.env, proxy.url), ...(await toolEnv(home.home)), ...invocation.env },
    cwd: home.home,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stdin.end('Say hi');
  await new Promise((resolve) => child.on('close', resolve));
  home.remove();
  writeFileSync(path.join(out, file), text);
  console.log(`${file}: ${text.split('\n').filter(Boolean).length} lines`);
}

const anthropic = await startFakeAnthropic();
anthropic.onMessages({
  status: 200,
  headers: { 'content-type': 'text/event-stream' },
  chunks: [
    sse(messageEvents({ thinking: ['Thinking it over.'], text: ['Hel', 'lo, ', 'world'], inputTokens: 21, outputTokens: 3, cacheRead: 4 })),
  ],
});
await record('claude-code', 'claude-fake-model-7', () => claudeCodeEnv(anthropic.url), 'claude-code-answer.jsonl');
anthropic.onMessages({ status: 404, body: { type: 'error', error: { type: 'not_found_error', message: 'model: claude-nope' } } });
await record('claude-code', 'claude-nope', () => claudeCodeEnv(anthropic.url), 'claude-code-404.jsonl');
await anthropic.close();

const gemini = await startFakeGemini();
gemini.onStream('gemini-fake-model-7', {
  status: 200,
  headers: { 'content-type': 'text/event-stream' },
  chunks: [
    geminiSse([
      geminiChunk([{ text: 'Bonjour' }]),
      geminiChunk([{ text: ' le monde' }], {
        finishReason: 'STOP',
        usage: { promptTokenCount: 17, candidatesTokenCount: 6, totalTokenCount: 23, cachedContentTokenCount: 2 },
      }),
    ]),
  ],
});
await record('gemini-cli', 'gemini-fake-model-7', (home) => geminiCliEnv(home, gemini.url), 'gemini-cli-answer.jsonl');
gemini.onStream('gemini-nope', modelNotFound('gemini-nope'));
await record('gemini-cli', 'gemini-nope', (home) => geminiCliEnv(home, gemini.url), 'gemini-cli-404.jsonl');
await gemini.close();

const openai = await startFakeOpenAI(['kilo-fake-model-7']);
openai.onChat(
  sseReply(
    sseStream(['Forty', '-two.'], {
      reasoning: ['Six times ', 'seven.'],
      usage: { prompt_tokens: 31, completion_tokens: 8, total_tokens: 39 },
    }),
  ),
);
await record('kilocli', 'fake/kilo-fake-model-7', () => kiloEnv(openai.baseUrl, ['kilo-fake-model-7']), 'kilo-answer.jsonl');
openai.onChat(errorReply(404, 'The model `kilo-fake-model-7` does not exist'));
await record('kilocli', 'fake/kilo-fake-model-7', () => kiloEnv(openai.baseUrl, ['kilo-fake-model-7']), 'kilo-404.jsonl');
await openai.close();

await proxy.close();
if (proxy.refused.length) throw new Error(`Refused destinations other than loopback: ${proxy.refused.join(', ')}`);
