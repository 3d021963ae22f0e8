// The Ollama page's state: server status, models, running models, pulls in progress.
import { create } from 'zustand';
import type { OllamaModel, OllamaModelDetails, PullProgress, QuickTest, RunningModel } from '../../../shared/api/ollama';
import type { ProfileView } from '../../../shared/api/profiles';
import { api, errorMessage } from '../api/client';
import { own } from '../../../shared/own';

interface OllamaState {
  status: { baseUrl: string; source: string; running: boolean; version?: string; error?: string; hint?: string } | null;
  models: OllamaModel[];
  running: RunningModel[];
  pulls: Record<string, PullProgress>;
  tests: Record<string, QuickTest | { error: string } | 'running'>;
  details: Record<string, OllamaModelDetails | { error: string } | 'loading'>;
  error: string | null;
  refresh(): Promise<void>;
  pull(model: string): Promise<void>;
  cancel(pullId: string): Promise<void>;
  remove(model: string): Promise<void>;
  unload(model: string): Promise<void>;
  test(model: string): Promise<void>;
  dismissPull(pullId: string): void;
  /** A failed or cancelled pull, started again (its card gives way to the new one). */
  retryPull(pullId: string): Promise<void>;
  loadDetails(model: string): Promise<void>;
  /** The Ollama profile Chat and Compare talk to models through, read fresh; none if there is none. */
  findProfile(): Promise<ProfileView | undefined>;
}

export const useOllama = create<OllamaState>((set, get) => ({
  status: null,
  models: [],
  running: [],
  pulls: {},
  tests: {},
  details: {},
  error: null,
  async refresh() {
    try {
      const status = await api.invoke('ollama.status', {});
      set({ status, error: null });
      if (!status.running) return set({ models: [], running: [] });
      const [{ models }, { models: running }] = await Promise.all([api.invoke('ollama.models', {}), api.invoke('ollama.running', {})]);
      set({ models, running });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async pull(model) {
    try {
      set({ error: null });
      await api.invoke('ollama.pull', { model });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async cancel(pullId) {
    await api.invoke('ollama.cancelPull', { pullId }).catch((error: unknown) => set({ error: errorMessage(error) }));
  },
  async remove(model) {
    try {
      await api.invoke('ollama.delete', { model });
      await get().refresh();
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async unload(model) {
    try {
      await api.invoke('ollama.unload', { model });
      await get().refresh();
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async test(model) {
    set((s) => ({ tests: { ...s.tests, [model]: 'running' } }));
    try {
      const result = await api.invoke('ollama.test', { model });
      set((s) => ({ tests: { ...s.tests, [model]: result } }));
      await get().refresh();
    } catch (error) {
      set((s) => ({ tests: { ...s.tests, [model]: { error: errorMessage(error) } } }));
    }
  },
  async retryPull(pullId) {
    const model = get().pulls[pullId]?.model;
    if (!model) return;
    get().dismissPull(pullId);
    await get().pull(model);
  },
  async loadDetails(model) {
    const known = own(get().details, model);
    if (known && known !== 'loading' && !('error' in known)) return;
    set((s) => ({ details: { ...s.details, [model]: 'loading' } }));
    try {
      const details = await api.invoke('ollama.show', { model });
      set((s) => ({ details: { ...s.details, [model]: details } }));
    } catch (error) {
      set((s) => ({ details: { ...s.details, [model]: { error: errorMessage(error) } } }));
    }
  },
  async findProfile() {
    const { profiles } = await api.invoke('profiles.list', {});
    return profiles.find((p) => p.adapter === 'ollama');
  },
  dismissPull(pullId) {
    set((s) => {
      const pulls = { ...s.pulls };
      delete pulls[pullId];
      return { pulls };
    });
  },
}));

api.on('ollama.pull', (progress) => {
  useOllama.setState((s) => ({ pulls: { ...s.pulls, [progress.pullId]: progress } }));
  if (progress.state === 'done') void useOllama.getState().refresh();
});
