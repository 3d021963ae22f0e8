// The compare runner: one prompt to 2–6 targets. Each column streams on its own (through the
// stream consumer chat uses too), fails on its own and can be stopped or re-run on its own; metrics
// come from an injected clock so they can be tested exactly. In one-at-a-time mode (local models
// that would fight over memory) the columns run in turn.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { EventPayload } from '../../../shared/api';
import type { CompareColumn, CompareRun, CompareStartInput } from '../../../shared/api/compare';
import type { ErrorClass, Target } from '../../../shared/types';
import { AppError } from '../../errors';
import { toApiError } from '../../host/api-error';
import type { ChatMessage } from '../../providers/traits';
import { consumeAnswer, type AnswerSource } from '../stream/consumer';
import { awardBadges } from './badges';
import type { CompareStore } from './store';

/** What a column streams from: a resolved target (profile, chain or route). */
export interface CompareSource extends AnswerSource {
  label: string;
  model: string;
  local: boolean;
}

export type ResolveSource = (target: Target) => Promise<CompareSource>;

type CompareEvent = 'compare.delta' | 'compare.column' | 'compare.run';
type EmitCompare = <E extends CompareEvent>(event: E, payload: EventPayload<E>) => void;

export interface CompareRunnerDeps {
  resolve: ResolveSource;
  emit: EmitCompare;
  store: CompareStore;
  /** ms; performance.now-like in production, a fake in tests. */
  clock?: () => number;
  /** How often buffered text is sent to the renderer (ms); the stream consumer's interval unless a test sets one. */
  flushMs?: number;
  newId?: () => string;
}

interface LiveColumn {
  column: CompareColumn;
  controller: AbortController | null;
}

interface LiveRun {
  run: CompareRun;
  columns: Map<string, LiveColumn>;
  /** Settles when every column has finished (used by tests and by one-at-a-time mode). */
  finished: Promise<void>;
}

/** Provider errors carry their class. */
interface ClassifiedError {
  errorClass?: ErrorClass;
}

export class CompareRunner {
  private readonly runs = new Map<string, LiveRun>();
  private readonly newId: () => string;

  constructor(private readonly deps: CompareRunnerDeps) {
    this.newId = deps.newId ?? (() => randomUUID().replace(/-/g, '').slice(0, 16));
  }

  async plan(
    targets: Target[],
  ): Promise<{ columns: Array<{ label: string; model: string; local: boolean; problem?: string }>; suggestOneAtATime: boolean }> {
    const columns = await Promise.all(
      targets.map(async (target) => {
        try {
          const source = await this.deps.resolve(target);
          return { label: source.label, model: source.model, local: source.local };
        } catch (error) {
          return { label: describeTarget(target), model: '', local: false, problem: toApiError(error).message };
        }
      }),
    );
    return { columns, suggestOneAtATime: columns.filter((column) => column.local).length >= 2 };
  }

  async start(input: z.output<typeof CompareStartInput>): Promise<CompareRun> {
    const sources = await Promise.all(
      input.targets.map((target) =>
        this.deps.resolve(target).then(
          (source) => ({ source }),
          (error: unknown) => ({ error }),
        ),
      ),
    );
    const localCount = sources.filter((entry) => 'source' in entry && entry.source.local).length;
    const oneAtATime = input.oneAtATime ?? localCount >= 2;
    const run: CompareRun = {
      runId: this.newId(),
      createdAt: Date.now(),
      prompt: input.prompt,
      system: input.system,
      temperature: input.temperature,
      maxTokens: input.maxTokens,
      oneAtATime,
      status: 'running',
      votedColumnId: null,
      columns: [],
      badges: {},
    };
    const live: LiveRun = { run, columns: new Map(), finished: Promise.resolve() };
    const jobs: Array<() => Promise<void>> = [];
    input.targets.forEach((target, index) => {
      const entry = sources[index]!;
      const column: CompareColumn = {
        columnId: `c${index + 1}`,
        target,
        label: 'source' in entry ? entry.source.label : describeTarget(target),
        model: 'source' in entry ? entry.source.model : '',
        local: 'source' in entry ? entry.source.local : false,
        status: 'queued',
        text: '',
        reasoning: '',
        attempts: [],
      };
      if ('error' in entry) {
        column.status = 'error';
        column.error = { ...toApiError(entry.error), errorClass: (entry.error as ClassifiedError).errorClass };
      }
      run.columns.push(column);
      const liveColumn: LiveColumn = { column, controller: null };
      live.columns.set(column.columnId, liveColumn);
      if ('source' in entry) jobs.push(() => this.runColumn(live, liveColumn, entry.source));
    });
    this.runs.set(run.runId, live);
    live.finished = (oneAtATime ? runInTurn(jobs) : Promise.all(jobs.map((job) => job())).then(() => undefined)).then(() =>
      this.finishRun(live),
    );
    return structuredClone(run);
  }

  /** Resolves when the run has finished; for tests and the CLI. */
  async whenFinished(runId: string): Promise<CompareRun> {
    const live = this.runs.get(runId);
    if (!live) return this.deps.store.get(runId);
    await live.finished;
    return structuredClone(live.run);
  }

  stop(runId: string, columnId?: string): void {
    const live = this.runs.get(runId);
    if (!live) return;
    for (const entry of live.columns.values()) {
      if (columnId && entry.column.columnId !== columnId) continue;
      if (entry.column.status === 'queued') {
        entry.column.status = 'stopped';
        this.emitColumn(live, entry);
      }
      entry.controller?.abort();
    }
  }

  async rerun(runId: string, columnId: string): Promise<void> {
    const live = this.runs.get(runId) ?? (await this.revive(runId));
    const entry = live.columns.get(columnId);
    if (!entry) throw new AppError('not_found', `This comparison has no column ${columnId}.`);
    if (entry.controller) entry.controller.abort();
    await live.finished;
    const source = await this.deps.resolve(entry.column.target);
    Object.assign(entry.column, { status: 'queued', text: '', reasoning: '', error: undefined, metrics: undefined, attempts: [] });
    live.run.status = 'running';
    live.finished = this.runColumn(live, entry, source).then(() => this.finishRun(live));
  }

  async vote(runId: string, columnId: string | null): Promise<void> {
    const live = this.runs.get(runId);
    const run = live ? live.run : await this.deps.store.get(runId);
    run.votedColumnId = columnId;
    if (!live || run.status === 'done') await this.deps.store.save(run);
  }

  get(runId: string): CompareRun | null {
    const live = this.runs.get(runId);
    return live ? structuredClone(live.run) : null;
  }

  /** Aborts every running column (on quit); finished runs are already saved. */
  async dispose(): Promise<void> {
    for (const live of this.runs.values()) for (const entry of live.columns.values()) entry.controller?.abort();
    await Promise.all([...this.runs.values()].map((live) => live.finished.catch(() => undefined)));
  }

  private async revive(runId: string): Promise<LiveRun> {
    const run = await this.deps.store.get(runId);
    const live: LiveRun = { run, columns: new Map(), finished: Promise.resolve() };
    for (const column of run.columns) live.columns.set(column.columnId, { column, controller: null });
    this.runs.set(runId, live);
    return live;
  }

  private async runColumn(live: LiveRun, entry: LiveColumn, source: CompareSource): Promise<void> {
    const { column } = entry;
    if (column.status === 'stopped') return;
    const controller = new AbortController();
    entry.controller = controller;
    const messages: ChatMessage[] = [];
    if (live.run.system) messages.push({ role: 'system', content: live.run.system });
    messages.push({ role: 'user', content: live.run.prompt });
    column.status = 'waiting';
    this.emitColumn(live, entry);
    const answer = await consumeAnswer(
      source,
      { messages, temperature: live.run.temperature, maxTokens: live.run.maxTokens, signal: controller.signal },
      {
        onDelta: (text, reasoning) =>
          this.deps.emit('compare.delta', { runId: live.run.runId, columnId: column.columnId, text, reasoning }),
        onFirstDelta: () => {
          column.status = 'streaming';
          this.emitColumn(live, entry);
        },
        onProgress: (text, reasoning) => Object.assign(column, { text, reasoning }),
      },
      { clock: this.deps.clock, flushMs: this.deps.flushMs },
    );
    entry.controller = null;
    column.status = answer.status;
    column.attempts = answer.attempts;
    if (answer.status === 'error') column.error = { ...toApiError(answer.error), errorClass: (answer.error as ClassifiedError).errorClass };
    column.metrics = answer.metrics;
    this.emitColumn(live, entry, true);
  }

  private async finishRun(live: LiveRun): Promise<void> {
    live.run.status = 'done';
    live.run.badges = awardBadges(
      live.run.columns.map((column) => ({ columnId: column.columnId, ok: column.status === 'done', metrics: column.metrics })),
    );
    await this.deps.store.save(live.run);
    this.deps.emit('compare.run', { runId: live.run.runId, status: 'done', badges: live.run.badges });
  }

  private emitColumn(live: LiveRun, entry: LiveColumn, withText = false): void {
    const { text, reasoning, ...rest } = entry.column;
    this.deps.emit('compare.column', { runId: live.run.runId, column: withText ? { ...rest, text, reasoning } : rest });
  }
}

async function runInTurn(jobs: Array<() => Promise<void>>): Promise<void> {
  for (const job of jobs) await job();
}

export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'profile':
      return `${target.profileId} · ${target.model}`;
    case 'chain':
      return `chain ${target.chainId}`;
    case 'route':
      return `hint:${target.hint}`;
  }
}
