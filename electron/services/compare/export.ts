// A comparison as a file a person can keep or share: Markdown (a metrics table, then each answer)
// or JSON (the saved run). Neither carries keys: runs hold profile ids and labels only.
import type { CompareColumn, CompareRun } from '../../../shared/api/compare';

function ms(value: number | null): string {
  return value === null ? '—' : `${Math.round(value)} ms`;
}

function tokens(column: CompareColumn): string {
  const m = column.metrics;
  if (!m) return '—';
  const out = `${m.outputTokensEstimated ? '≈' : ''}${m.outputTokens}`;
  return m.reasoningTokens !== null ? `${out} (${m.reasoningTokensEstimated ? '≈' : ''}${m.reasoningTokens} reasoning)` : out;
}

/** The cost with where its price came from; "price unknown" rather than a dash that reads as free. */
function cost(column: CompareColumn): string {
  const m = column.metrics;
  if (!m) return '—';
  if (m.costUsd === null) return m.priceSource ? '—' : 'price unknown';
  const source = m.priceSource ? ` (${cell(m.priceSource.label)})` : '';
  if (m.costUsd === 0) return `free${source}`;
  return `${m.costEstimated ? '≈' : ''}$${m.costUsd.toFixed(m.costUsd < 0.01 ? 5 : 4)}${source}`;
}

function badgesOf(run: CompareRun, columnId: string): string {
  const out: string[] = [];
  if (run.badges.fastestTtft === columnId) out.push('fastest TTFT');
  if (run.badges.fastestRate === columnId) out.push('fastest tokens/s');
  if (run.badges.cheapest === columnId) out.push('cheapest');
  if (run.votedColumnId === columnId) out.push('voted best');
  return out.join(', ');
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function compareToMarkdown(run: CompareRun): string {
  const lines = [`# Comparison — ${new Date(run.createdAt).toISOString()}`, ''];
  if (run.system) lines.push('**System prompt**', '', run.system, '');
  lines.push('**Prompt**', '', run.prompt, '');
  const params = [
    run.temperature !== undefined && `temperature ${run.temperature}`,
    run.maxTokens !== undefined && `max tokens ${run.maxTokens}`,
    run.oneAtATime && 'one at a time',
  ].filter(Boolean);
  if (params.length > 0) lines.push(`_${params.join(' · ')}_`, '');
  lines.push('| Target | Status | TTFT | Tokens/s | Output tokens | Total | Cost | Notes |', '|---|---|---|---|---|---|---|---|');
  for (const column of run.columns) {
    const m = column.metrics;
    const rate = m?.tokensPerSecond == null ? '—' : m.tokensPerSecond.toFixed(1);
    lines.push(
      `| ${cell(column.label)} | ${column.status} | ${ms(m?.ttftMs ?? null)} | ${rate} | ${tokens(column)} | ${ms(m?.totalMs ?? null)} | ${cost(column)} | ${cell(badgesOf(run, column.columnId))} |`,
    );
  }
  lines.push(
    '',
    '≈ marks an estimate (the provider reported no usage). Tokens/s is the decode rate between the first and the last token.',
    '',
  );
  for (const column of run.columns) {
    lines.push(`## ${column.label}`, '');
    if (column.error) lines.push(`> **Error (${column.error.code}):** ${column.error.message}`, '');
    if (column.reasoning) lines.push('<details><summary>Reasoning</summary>', '', column.reasoning, '', '</details>', '');
    lines.push(column.text || '_(no answer)_', '');
  }
  return lines.join('\n');
}

export function compareToJson(run: CompareRun): string {
  return `${JSON.stringify({ format: 'switchyard-compare', version: 1, ...run }, null, 2)}\n`;
}

export function exportFilename(run: CompareRun, extension: 'md' | 'json'): string {
  const stamp = new Date(run.createdAt).toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
  return `switchyard-compare-${stamp}.${extension}`;
}
