// Shared helpers for benchmarks: timing, percentiles, a printed table and a results file per
// benchmark. Figures are compared as ratios within one run (these machines are shared and noisy).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';

export function now(): number {
  return performance.now();
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Runs `fn` `rounds` times and keeps the median duration (ms), after one warm-up round. */
export async function medianOf(rounds: number, fn: () => Promise<void>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const start = now();
    await fn();
    times.push(now() - start);
  }
  return median(times);
}

export type Row = Record<string, string | number>;

export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const text = rows.map((row) => columns.map((column) => formatCell(row[column])));
  const widths = columns.map((column, i) => Math.max(column.length, ...text.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(line(columns));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const cells of text) console.log(line(cells));
}

function formatCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1);
  return value;
}

export interface Target {
  name: string;
  /** The measured value and the bound it must stay within (≤) or reach (≥). */
  value: number;
  bound: number;
  kind: '<=' | '>=';
}

export function targetMet(target: Target): boolean {
  return target.kind === '<=' ? target.value <= target.bound : target.value >= target.bound;
}

export function writeResults(name: string, data: { rows?: Row[]; targets?: Target[]; [key: string]: unknown }): void {
  const dir = path.join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const targets = (data.targets ?? []).map((target) => ({ ...target, met: targetMet(target) }));
  const file = path.join(dir, `${name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ name, at: new Date().toISOString(), quick, node: process.version, ...data, targets }, null, 2)}\n`,
  );
  for (const target of targets)
    console.log(`  target ${target.name}: ${target.value.toFixed(3)} ${target.kind} ${target.bound} → ${target.met ? 'met' : 'NOT met'}`);
  console.log(`  → ${path.relative(process.cwd(), file)}`);
}
