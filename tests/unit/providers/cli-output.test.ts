// The output readers on what the real CLIs printed (recorded by tests/real-clis/record-output.ts,
// against fakes whose answers are the values expected here), and on hostile lines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claudeCodeOutput, geminiCliOutput, kiloOutput, type CliOutputReader } from '../../../electron/providers/cli/output';
import type { StreamEvent } from '../../../electron/providers/traits';

function replay(reader: CliOutputReader, file: string): StreamEvent[] {
  const text = readFileSync(path.resolve(import.meta.dirname, '../../fixtures/cli-output', file), 'utf8');
  return text.split('\n').flatMap((line) => reader.read(line));
}

const of = (events: StreamEvent[], type: 'text' | 'reasoning') => events.flatMap((e) => (e.type === type ? [e.delta] : []));

describe('reading what the CLIs print', () => {
  it('Claude Code: text and thinking deltas one by one, the usage and stop reason from its result', () => {
    const reader = claudeCodeOutput();
    const events = replay(reader, 'claude-code-answer.jsonl');
    expect(of(events, 'text')).toEqual(['Hel', 'lo, ', 'world']);
    expect(of(events, 'reasoning')).toEqual(['Thinking it over.']);
    expect(events.filter((e) => e.type === 'usage')).toEqual([
      { type: 'usage', usage: { inputTokens: 21, outputTokens: 3, cachedInputTokens: 4, reasoningTokens: 0 } },
    ]);
    expect(reader.finishReason()).toBe('stop');
    expect(reader.failure()).toBeUndefined();
  });

  it('Claude Code: an API error is a failure with its status, and its stand-in answer is not text', () => {
    const reader = claudeCodeOutput();
    expect(replay(reader, 'claude-code-404.jsonl')).toEqual([]);
    expect(reader.failure()).toEqual({
      status: 404,
      message: expect.stringContaining("There's an issue with the selected model (claude-nope)"),
    });
  });

  it('Claude Code: without partial messages the answer comes from the result', () => {
    const reader = claudeCodeOutput();
    expect(
      reader.read(
        JSON.stringify({
          type: 'result',
          subtype: 'success',
          is_error: false,
          result: 'Whole answer',
          stop_reason: 'max_tokens',
          usage: { input_tokens: 3, output_tokens: 2 },
        }),
      ),
    ).toEqual([
      { type: 'text', delta: 'Whole answer' },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 2 } },
    ]);
    expect(reader.finishReason()).toBe('length');
  });

  it('Gemini CLI: assistant deltas and the stats of its result; an error result is a failure', () => {
    const reader = geminiCliOutput();
    const events = replay(reader, 'gemini-cli-answer.jsonl');
    expect(of(events, 'text')).toEqual(['Bonjour', ' le monde']);
    expect(events.filter((e) => e.type === 'usage')).toEqual([
      { type: 'usage', usage: { inputTokens: 17, outputTokens: 6, cachedInputTokens: 2 } },
    ]);
    expect(reader.finishReason()).toBe('stop');
    const failed = geminiCliOutput();
    expect(replay(failed, 'gemini-cli-404.jsonl')).toEqual([]);
    expect(failed.failure()).toEqual({
      message: '[API Error: models/gemini-nope is not found for API version v1beta, or is not supported for generateContent.]',
      status: undefined,
    });
  });

  it('Kilo: whole text and reasoning parts, the tokens of its steps, and an error event with its status', () => {
    const reader = kiloOutput();
    const events = replay(reader, 'kilo-answer.jsonl');
    expect(of(events, 'text')).toEqual(['Forty-two.']);
    expect(of(events, 'reasoning')).toEqual(['Six times seven.']);
    expect(events.filter((e) => e.type === 'usage').at(-1)).toEqual({
      type: 'usage',
      usage: { inputTokens: 31, outputTokens: 8, cachedInputTokens: 0, reasoningTokens: 0 },
    });
    expect(reader.finishReason()).toBe('stop');
    const failed = kiloOutput();
    expect(replay(failed, 'kilo-404.jsonl')).toEqual([]);
    expect(failed.failure()).toEqual({ message: 'The model `kilo-fake-model-7` does not exist', status: 404 });
  });

  it('Kilo: a second text part is a new paragraph, and steps add up', () => {
    const reader = kiloOutput();
    const step = (input: number, output: number) =>
      JSON.stringify({ type: 'step_finish', part: { reason: 'stop', tokens: { input, output, reasoning: 0, cache: { read: 1 } } } });
    const events = [
      JSON.stringify({ type: 'text', part: { text: 'One.' } }),
      step(10, 2),
      JSON.stringify({ type: 'text', part: { text: 'Two.' } }),
      step(12, 3),
    ].flatMap((line) => reader.read(line));
    expect(of(events, 'text').join('')).toBe('One.\n\nTwo.');
    expect(events.at(-1)).toEqual({ type: 'usage', usage: { inputTokens: 22, outputTokens: 5, cachedInputTokens: 2, reasoningTokens: 0 } });
  });

  it.each([
    ['not JSON', 'Warning: 256-color support not detected.'],
    ['a JSON array', '[1,2,3]'],
    ['broken JSON', '{"type":"result",'],
    ['an empty line', ''],
    ['an event without its body', '{"type":"stream_event","event":null}'],
    ['a delta of the wrong type', '{"type":"stream_event","event":{"delta":{"type":"text_delta","text":42}}}'],
    ['a sub-agent delta', '{"type":"stream_event","parent_tool_use_id":"toolu_1","event":{"delta":{"type":"text_delta","text":"inner"}}}'],
    ['a message of the wrong type', '{"type":"message","role":"assistant","content":{"a":1}}'],
    ['a text part of the wrong type', '{"type":"text","part":{"text":["x"]}}'],
  ])('skips %s', (_what, line) => {
    for (const reader of [claudeCodeOutput(), geminiCliOutput(), kiloOutput()]) {
      expect(reader.read(line)).toEqual([]);
      expect(reader.failure()).toBeUndefined();
    }
  });

  it('keeps only sound token counts', () => {
    const reader = claudeCodeOutput();
    expect(
      reader.read(
        JSON.stringify({
          type: 'result',
          is_error: false,
          result: '',
          usage: { input_tokens: -5, output_tokens: 1.5, cache_read_input_tokens: '7' },
        }),
      ),
    ).toEqual([]);
    expect(geminiCliOutput().read('{"type":"result","status":"success","stats":{"input_tokens":1e999,"output_tokens":2}}')).toEqual([
      { type: 'usage', usage: { outputTokens: 2 } },
    ]);
  });
});
