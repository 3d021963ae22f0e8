// The Compare page's state: the run on screen (a cache of the host's), with each column's text
// kept in its own slice so that a streaming column re-renders only itself.
import { create } from 'zustand';
import type { MethodInput, MethodResult } from '../../../shared/api';
import type { CompareColumn, CompareRun, CompareRunSummary } from '../../../shared/api/compare';
import { api, errorMessage } from '../api/client';

export interface ColumnText {
  text: string;
  reasoning: string;
}

/**
 * What this window saw of a streaming column, for live figures until the host's final metrics
 * arrive: when it was asked, when the first and the latest text came, and how much.
 */
export interface LiveTiming {
  askedAt: number;
  firstAt?: number;
  lastAt?: number;
  chars: number;
}

interface CompareState {
  run: CompareRun | null;
  texts: Record<string, ColumnText>;
  live: Record<string, LiveTiming>;
  saved: CompareRunSummary[];
  error: string | null;
  busy: boolean;
  syncScroll: boolean;
  setSyncScroll(on: boolean): void;
  start(input: Parameters<typeof api.invoke<'compare.start'>>[1]): Promise<void>;
  stop(columnId?: string): Promise<void>;
  rerun(columnId: string): Promise<void>;
  vote(columnId: string | null): Promise<void>;
  open(runId: string): Promise<void>;
  remove(runId: string): Promise<void>;
  refreshSaved(): Promise<void>;
  clear(): void;
  /** How the host would run these targets (which are local, whether to take them one at a time). */
  plan(targets: MethodInput<'compare.plan'>['targets']): Promise<MethodResult<'compare.plan'>>;
  exportRun(runId: string, format: 'markdown' | 'json'): Promise<MethodResult<'compare.export'>>;
}

function textsOf(run: CompareRun): Record<string, ColumnText> {
  return Object.fromEntries(run.columns.map((column) => [column.columnId, { text: column.text, reasoning: column.reasoning }]));
}

const now = () => performance.now();

/** Live timings start for the columns asked at once; in turns, each starts when its turn comes. */
function liveOf(run: CompareRun, askedAt: number): Record<string, LiveTiming> {
  const running = run.columns.filter((c) => c.status === 'queued' || c.status === 'waiting' || c.status === 'streaming');
  return Object.fromEntries((run.oneAtATime ? running.slice(0, 1) : running).map((c) => [c.columnId, { askedAt, chars: 0 }]));
}

export const useCompare = create<CompareState>((set, get) => ({
  run: null,
  texts: {},
  live: {},
  saved: [],
  error: null,
  busy: false,
  syncScroll: false,
  setSyncScroll: (syncScroll) => set({ syncScroll }),
  async start(input) {
    set({ busy: true, error: null });
    try {
      const askedAt = now();
      const run = await api.invoke('compare.start', input);
      set({ run, texts: textsOf(run), live: liveOf(run, askedAt) });
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ busy: false });
    }
  },
  async stop(columnId) {
    const run = get().run;
    if (run)
      await api.invoke('compare.stop', { runId: run.runId, columnId }).catch((error: unknown) => set({ error: errorMessage(error) }));
  },
  async rerun(columnId) {
    const run = get().run;
    if (!run) return;
    set((state) => ({
      texts: { ...state.texts, [columnId]: { text: '', reasoning: '' } },
      live: { ...state.live, [columnId]: { askedAt: now(), chars: 0 } },
      run: state.run && { ...state.run, status: 'running' },
    }));
    await api.invoke('compare.rerun', { runId: run.runId, columnId }).catch((error: unknown) => set({ error: errorMessage(error) }));
  },
  async vote(columnId) {
    const run = get().run;
    if (!run) return;
    set({ run: { ...run, votedColumnId: columnId } });
    await api.invoke('compare.vote', { runId: run.runId, columnId }).catch((error: unknown) => set({ error: errorMessage(error) }));
  },
  async open(runId) {
    try {
      const run = await api.invoke('compare.get', { runId });
      set({ run, texts: textsOf(run), live: {}, error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async remove(runId) {
    await api.invoke('compare.delete', { runId }).catch((error: unknown) => set({ error: errorMessage(error) }));
    if (get().run?.runId === runId) set({ run: null, texts: {} });
    await get().refreshSaved();
  },
  async refreshSaved() {
    try {
      const { runs } = await api.invoke('compare.list', {});
      set({ saved: runs });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  clear: () => set({ run: null, texts: {}, live: {}, error: null }),
  plan: (targets) => api.invoke('compare.plan', { targets }),
  exportRun: (runId, format) => api.invoke('compare.export', { runId, format }),
}));

function updateColumn(columnId: string, patch: Partial<CompareColumn>): void {
  useCompare.setState((state) => {
    if (!state.run) return state;
    return {
      run: { ...state.run, columns: state.run.columns.map((column) => (column.columnId === columnId ? { ...column, ...patch } : column)) },
    };
  });
}

api.on('compare.delta', ({ runId, columnId, text, reasoning }) => {
  if (useCompare.getState().run?.runId !== runId) return;
  useCompare.setState((state) => {
    const current = state.texts[columnId] ?? { text: '', reasoning: '' };
    const timing = state.live[columnId];
    const at = now();
    return {
      texts: { ...state.texts, [columnId]: { text: current.text + text, reasoning: current.reasoning + reasoning } },
      ...(timing && {
        live: {
          ...state.live,
          [columnId]: { ...timing, firstAt: timing.firstAt ?? at, lastAt: at, chars: timing.chars + text.length + reasoning.length },
        },
      }),
    };
  });
});

api.on('compare.column', ({ runId, column }) => {
  if (useCompare.getState().run?.runId !== runId) return;
  const { text, reasoning, ...rest } = column;
  // A queued column (one at a time) is asked when its turn comes.
  if (rest.status === 'waiting' && !useCompare.getState().live[column.columnId]) {
    useCompare.setState((state) => ({ live: { ...state.live, [column.columnId]: { askedAt: now(), chars: 0 } } }));
  }
  updateColumn(column.columnId, rest);
  // The final state carries the whole text: it replaces what the batched deltas built up.
  if (text !== undefined && reasoning !== undefined) {
    useCompare.setState((state) => ({ texts: { ...state.texts, [column.columnId]: { text, reasoning } } }));
  }
});

api.on('compare.run', ({ runId, status, badges }) => {
  const run = useCompare.getState().run;
  if (run?.runId !== runId) return;
  useCompare.setState({ run: { ...run, status, badges } });
  void useCompare.getState().refreshSaved();
});

// The host could not deliver an update of this run: show its reason and reload the run as saved.
api.on('app.eventFailed', ({ runId, message }) => {
  if (!runId || useCompare.getState().run?.runId !== runId) return;
  void useCompare
    .getState()
    .open(runId)
    .then(() => useCompare.setState({ error: message }));
});
