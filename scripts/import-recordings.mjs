#!/usr/bin/env node
// Copies real provider recordings, as data, out of a local git snapshot of the Vercel AI SDK
// (github.com/vercel/ai, Apache-2.0) into a recordings folder with a MANIFEST.json naming each
// file's repository, path, commit, blob and licence. The replay tests read that folder
// (tests/helpers/recordings.ts says where they look).
//
//   node scripts/import-recordings.mjs --from <vercel-ai .git dir> [--to <folder>] [--commit <sha>]
//
// Only recordings are listed. The upstream convention (contributing/testing.md, "Test Fixtures")
// is to store "the true responses from the providers", logged from a real call or saved with its
// saveRawChunks helper; each file below was also checked by hand for what a hand-written file lacks:
// provider-issued ids, model versions, signatures, timings and usage that add up. Files that fail
// that check are listed in EXCLUDED with the reason, so nobody adds them back by mistake.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const REPOSITORY = 'vercel/ai';
export const PINNED_COMMIT = 'ed857f50f112e23930b0c2dd8d532cc8bebbc911';

/** [folder, upstream path, why it is a recording]. */
const RECORDINGS = [
  [
    'openai-chat',
    'packages/openai/src/chat/__fixtures__/openai-text.chunks.txt',
    'gpt-4.1-nano-2025-04-14, chatcmpl ids, obfuscation padding, usage chunk',
  ],
  [
    'openai-chat',
    'packages/openai/src/chat/__fixtures__/openai-text.json',
    'chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU, gpt-4.1-nano-2025-04-14, system_fingerprint',
  ],
  [
    'azure-openai',
    'packages/openai/src/chat/__fixtures__/azure-model-router.1.chunks.txt',
    'Azure prompt_filter_results first chunk, content_filter_results, gpt-5-nano-2025-08-07',
  ],
  [
    'openai-responses',
    'packages/openai/src/responses/__fixtures__/openai-phase.1.chunks.txt',
    'resp_ ids, gpt-5.3-codex, sequence numbers, commentary then final_answer items',
  ],
  [
    'openai-responses',
    'packages/openai/src/responses/__fixtures__/openai-phase.1.json',
    'resp_0465b6d1…, gpt-5.3-codex, cached_tokens 3072 of 7243',
  ],
  [
    'openai-responses',
    'packages/openai/src/responses/__fixtures__/openai-error.1.chunks.txt',
    'resp_ id, insufficient_quota error event then response.failed',
  ],
  [
    'openai-responses',
    'packages/openai/src/responses/__fixtures__/github-copilot-id-rotation.1.chunks.txt',
    'live Copilot capture (PR #18548); opaque ids and encrypted payloads sanitized upstream, events and deltas kept',
  ],
  [
    'anthropic',
    'packages/anthropic/src/__fixtures__/anthropic-text.chunks.txt',
    'msg_01QC4g3HwBThD4BaNtBckFDJ, claude-sonnet-4-5-20250929, pings, cumulative message_delta usage',
  ],
  ['anthropic', 'packages/anthropic/src/__fixtures__/anthropic-tool-no-args.chunks.txt', 'msg_01…/toolu_01… ids, empty input_json_delta'],
  [
    'anthropic',
    'packages/anthropic/src/__fixtures__/anthropic-json-tool.1.chunks.txt',
    'claude-haiku-4-5-20251001, toolu_01KFbKqPYSuAKujiL6mTfzYA',
  ],
  [
    'anthropic',
    'packages/anthropic/src/__fixtures__/anthropic-clear-thinking.1.chunks.txt',
    'thinking block with a real signature_delta, context_management',
  ],
  [
    'anthropic',
    'packages/anthropic/src/__fixtures__/anthropic-message-delta-input-tokens.chunks.txt',
    'an Anthropic-compatible endpoint (PR #11611): machine key order, real input count only in message_delta',
  ],
  ['gemini', 'packages/google/src/__fixtures__/google-text.chunks.txt', 'gemini-3-pro-preview, responseId, thoughtsTokenCount'],
  ['gemini', 'packages/google/src/__fixtures__/google-text.json', 'thoughtSignature on the text part, usageMetadata'],
  [
    'gemini',
    'packages/google/src/__fixtures__/google-reasoning-gemini3.chunks.txt',
    'gemini-3-pro-preview, signature on a final empty-text part (PR #12402)',
  ],
  ['gemini', 'packages/google/src/__fixtures__/google-reasoning-gemini3.json', 'gemini-3-pro-preview whole response'],
  ['gemini', 'packages/google/src/__fixtures__/google-tool-call.chunks.txt', 'functionCall with thoughtSignature'],
  ['gemini', 'packages/google/src/__fixtures__/google-tool-call.json', 'functionCall with thoughtSignature, finishMessage'],
  ['gemini', 'packages/google/src/__fixtures__/google-tool-call-gemini3.chunks.txt', 'gemini-3 functionCall with a long thoughtSignature'],
  ['gemini', 'packages/google/src/__fixtures__/google-tool-call-gemini3.json', 'gemini-3 functionCall with thoughtSignature'],
  [
    'bedrock',
    'packages/amazon-bedrock/src/__fixtures__/amazon-bedrock-text.chunks.txt',
    'ConverseStream events with metrics.latencyMs, serverToolUsage',
  ],
  [
    'bedrock',
    'packages/amazon-bedrock/src/__fixtures__/amazon-bedrock-text.json',
    'Converse response with cacheRead/Write counts, latencyMs',
  ],
  [
    'bedrock',
    'packages/amazon-bedrock/src/__fixtures__/amazon-bedrock-reasoning.chunks.txt',
    'reasoningContent deltas with a real signature',
  ],
  ['bedrock', 'packages/amazon-bedrock/src/__fixtures__/amazon-bedrock-reasoning.json', 'reasoningText with a real signature'],
  ['mistral', 'packages/mistral/src/__fixtures__/mistral-text.chunks.txt', 'mistral-small-latest, 32-hex ids'],
  ['mistral', 'packages/mistral/src/__fixtures__/mistral-text.json', 'mistral-small-latest whole response'],
  [
    'mistral',
    'packages/mistral/src/__fixtures__/mistral-reasoning.chunks.txt',
    'magistral-medium-2507 typed content parts (thinking, text)',
  ],
  ['mistral', 'packages/mistral/src/__fixtures__/mistral-reasoning.json', 'magistral-medium-2507 typed content parts, whole'],
  ['mistral', 'packages/mistral/src/__fixtures__/mistral-tool-call.chunks.txt', 'tool call id gSIMJiOkT in one delta'],
  ['mistral', 'packages/mistral/src/__fixtures__/mistral-tool-call.json', 'tool call id gSIMJiOkT, whole'],
  [
    'mistral',
    'packages/mistral/src/__fixtures__/mistral-incremental-tool-call.chunks.txt',
    'captured live (PR #19181): id and name first, arguments later, cached_tokens',
  ],
  [
    'openai-compatible',
    'packages/deepseek/src/chat/__fixtures__/deepseek-tool-call.chunks.txt',
    'deepseek-reasoner, reasoning_content then tool call, prompt_cache_hit_tokens',
  ],
  [
    'openai-compatible',
    'packages/deepseek/src/chat/__fixtures__/deepseek-tool-call.json',
    'deepseek-reasoner whole tool call with reasoning_content',
  ],
  [
    'openai-compatible',
    'packages/deepseek/src/chat/__fixtures__/deepseek-reasoning.json',
    'deepseek-reasoner whole answer with reasoning_content',
  ],
  [
    'openai-compatible',
    'packages/groq/src/__fixtures__/groq-tool-call.chunks.txt',
    'llama-3.3-70b-versatile, x_groq request ids, queue_time',
  ],
  ['openai-compatible', 'packages/groq/src/__fixtures__/groq-tool-call.json', 'x_groq ids, usage timings'],
  ['openai-compatible', 'packages/xai/src/__fixtures__/xai-text.chunks.txt', 'grok-3-mini reasoning_content deltas, fingerprints'],
  ['openai-compatible', 'packages/xai/src/__fixtures__/xai-text.json', 'grok-3-mini whole answer'],
  ['openai-compatible', 'packages/xai/src/__fixtures__/xai-tool-call.chunks.txt', 'grok-3-mini tool call, usage-only last chunk'],
  ['openai-compatible', 'packages/xai/src/__fixtures__/xai-tool-call.json', 'grok-3-mini whole tool call'],
  [
    'openai-compatible',
    'packages/alibaba/src/__fixtures__/alibaba-tool-call.chunks.txt',
    'qwen3-max, arguments split over deltas with empty ids',
  ],
  ['openai-compatible', 'packages/alibaba/src/__fixtures__/alibaba-tool-call.json', 'qwen3-max whole tool call'],
];

/** Looked at and left out: not recordings, or nothing our adapters ask for. */
export const EXCLUDED = {
  'packages/amazon-bedrock/src/__fixtures__/amazon-bedrock-tool-call.1.*': 'hand-written: toolUseId "tool-use-id", usage 10/20/30',
  'packages/amazon-bedrock/src/__fixtures__/amazon-bedrock-tool-no-args.*': 'hand-written: toolUseId "tool-use-id", round usage numbers',
  'packages/amazon-bedrock/src/__fixtures__/amazon-bedrock-json-*': 'hand-written: ids "tool-1", "json-tool-id"',
  'packages/anthropic/src/__fixtures__/anthropic-refusal.*': 'hand-written: msg_01RefusalStreamAbcdefghijk',
  'packages/anthropic/src/__fixtures__/anthropic-fallback.*': 'hand-written: msg_01FallbackStreamAbcdefghij',
  'packages/anthropic/src/__fixtures__/duplicate-message-start.chunks.txt': 'constructed edge case',
  'packages/anthropic/src/__fixtures__/spliced-message-start.chunks.txt': 'constructed edge case',
  'packages/anthropic/src/__fixtures__/*.json': 'whole Messages: our Anthropic adapter always streams, so nothing would replay them',
  'packages/google/src/__fixtures__/google-429-retry-info.json': 'written for a stub reproduction (PR #18662), not captured',
  'packages/google/src/__fixtures__/google-stream-*':
    'Vertex streamed function-call arguments (partialArgs), which the Gemini API adapter never asks for',
  'packages/moonshotai/src/__fixtures__/*': 'hand-written: ids "chatcmpl-stream", "chatcmpl-test-reasoning"',
  'packages/openai/src/responses/__fixtures__/openai-reasoning-encrypted-content.1.chunks.txt':
    'four responses of a tool loop in one file, not one reply',
  'packages/openai/src/responses/__fixtures__/parallel-tool-call-wrapper.1.chunks.txt': 'not one JSON value per line',
  '(Ollama)': 'the Vercel AI SDK has no Ollama provider, so there is no Ollama recording to take',
};

function parseArgs(argv) {
  const args = { to: 'tests/fixtures/recorded', commit: PINNED_COMMIT };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, '');
    if (!name || argv[i + 1] === undefined)
      throw new Error(`usage: import-recordings.mjs --from <git dir> [--to <folder>] [--commit <sha>]`);
    args[name] = argv[i + 1];
  }
  if (!args.from) throw new Error('--from <the vercel/ai git directory> is required');
  return args;
}

function git(gitDir, ...args) {
  return execFileSync('git', [`--git-dir=${gitDir}`, ...args], { maxBuffer: 64 * 1024 * 1024 });
}

function main() {
  const { from, to, commit } = parseArgs(process.argv.slice(2));
  const licence = git(from, 'show', `${commit}:LICENSE`).toString('utf8');
  if (!/Apache License/.test(licence)) throw new Error('the snapshot LICENSE is not the Apache License; check the repository');
  mkdirSync(to, { recursive: true });
  writeFileSync(path.join(to, 'LICENSE-vercel-ai.txt'), licence);
  const files = [];
  for (const [folder, upstream, evidence] of RECORDINGS) {
    const blob = git(from, 'rev-parse', `${commit}:${upstream}`).toString('utf8').trim();
    const bytes = git(from, 'cat-file', 'blob', blob);
    const file = `${folder}/${path.basename(upstream)}`;
    mkdirSync(path.join(to, folder), { recursive: true });
    writeFileSync(path.join(to, file), bytes);
    files.push({ file, repository: REPOSITORY, path: upstream, commit, blob, licence: 'Apache-2.0', evidence });
  }
  const manifest = {
    about: 'Real provider responses taken as data from the Vercel AI SDK test fixtures; see scripts/import-recordings.mjs.',
    licence: 'Apache-2.0 (LICENSE-vercel-ai.txt); Copyright 2023 Vercel, Inc.',
    files,
    excluded: EXCLUDED,
  };
  writeFileSync(path.join(to, 'MANIFEST.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`${files.length} recordings written to ${to}`);
}

main();
