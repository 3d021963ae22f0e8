import { describe, expect, it } from 'vitest';
import type { CompareRun } from '../../../shared/api/compare';
import { compareToJson, compareToMarkdown, exportFilename } from '../../../electron/services/compare/export';

const metrics = {
  ttftMs: 120,
  generationMs: 900,
  totalMs: 1020,
  outputTokens: 42,
  outputTokensEstimated: false,
  inputTokens: 10,
  inputTokensEstimated: false,
  reasoningTokens: null,
  reasoningTokensEstimated: false,
  tokensPerSecond: 44.4,
  costUsd: 0.00123,
  costEstimated: false,
  chunks: 12,
};

const run: CompareRun = {
  runId: 'r1',
  createdAt: Date.UTC(2026, 10, 24, 12, 30, 0),
  prompt: 'Explain | pipes',
  system: 'Be brief.',
  temperature: 0.2,
  oneAtATime: false,
  status: 'done',
  votedColumnId: 'c2',
  badges: { fastestTtft: 'c1', fastestRate: 'c1', cheapest: 'c2' },
  columns: [
    {
      columnId: 'c1',
      target: { kind: 'profile', profileId: 'p1', model: 'gpt' },
      label: 'OpenAI · gpt',
      model: 'gpt',
      local: false,
      status: 'done',
      text: 'Pipes **connect** things.',
      reasoning: '',
      metrics: { ...metrics, priceSource: { kind: 'dataset', label: 'genai-prices 0.1.8' } },
      attempts: [],
    },
    {
      columnId: 'c2',
      target: { kind: 'profile', profileId: 'p2', model: 'llama' },
      label: 'Ollama · llama',
      model: 'llama',
      local: true,
      status: 'done',
      text: 'A pipe.',
      reasoning: 'think',
      metrics: {
        ...metrics,
        tokensPerSecond: null,
        outputTokensEstimated: true,
        costUsd: 0,
        costEstimated: false,
        priceSource: { kind: 'local', label: 'runs on your machine' },
      },
      attempts: [],
    },
    {
      columnId: 'c4',
      target: { kind: 'profile', profileId: 'p4', model: 'mystery' },
      label: 'Custom · mystery',
      model: 'mystery',
      local: false,
      status: 'done',
      text: 'Hm.',
      reasoning: '',
      metrics: { ...metrics, costUsd: null },
      attempts: [],
    },
    {
      columnId: 'c3',
      target: { kind: 'profile', profileId: 'p3', model: 'x' },
      label: 'Broken',
      model: 'x',
      local: false,
      status: 'error',
      text: '',
      reasoning: '',
      error: { code: 'auth', message: '401: the key was rejected' },
      attempts: [],
    },
  ],
};

describe('comparison export', () => {
  it('writes a Markdown table with every metric, badges and answers', () => {
    const md = compareToMarkdown(run);
    expect(md).toContain('**Prompt**\n\nExplain | pipes');
    expect(md).toContain(
      '| OpenAI · gpt | done | 120 ms | 44.4 | 42 | 1020 ms | $0.00123 (genai-prices 0.1.8) | fastest TTFT, fastest tokens/s |',
    );
    expect(md).toContain('| Ollama · llama | done | 120 ms | — | ≈42 | 1020 ms | free (runs on your machine) | cheapest, voted best |');
    expect(md).toContain('| Custom · mystery | done | 120 ms | 44.4 | 42 | 1020 ms | price unknown |  |');
    expect(md).toContain('| Broken | error | — | — | — | — | — |  |');
    expect(md).toContain('> **Error (auth):** 401: the key was rejected');
    expect(md).toContain('<details><summary>Reasoning</summary>\n\nthink');
    expect(md).toContain('## OpenAI · gpt\n\nPipes **connect** things.');
  });

  it('writes JSON that round-trips the run', () => {
    const parsed = JSON.parse(compareToJson(run));
    expect(parsed).toMatchObject({ format: 'switchyard-compare', version: 1, runId: 'r1', votedColumnId: 'c2' });
    expect(parsed.columns).toHaveLength(4);
  });

  it('names files by the run time', () => {
    expect(exportFilename(run, 'md')).toBe('switchyard-compare-2026-11-24T12-30-00.md');
  });
});
