// Each profile's model list as the pickers see it: fetched from the provider when first needed,
// with context window and price where the provider or the price table (Settings) says. A failed
// fetch is shown with its reason and tried again the next time a picker opens, never cached; any
// profile change (a fixed URL or key) forgets every list.
import { create } from 'zustand';
import type { MethodInput } from '../../../shared/api';
import type { ContextCheck } from '../../../shared/api/models';
import type { ProfileView } from '../../../shared/api/profiles';
import type { SettingsShape } from '../../../shared/api/settings';
import type { Target } from '../../../shared/types';
import { api, errorMessage } from '../api/client';

export interface ModelInfo {
  id: string;
  contextLength?: number;
  inputPerMTok?: number;
  outputPerMTok?: number;
  /** Everything else the provider said (owner, display name, family…). */
  details: Record<string, string | number>;
}

export type ModelList = { status: 'loading' } | { status: 'ready'; models: ModelInfo[] } | { status: 'error'; error: string };

interface ModelsState {
  profiles: ProfileView[];
  chains: Array<{ id: string; name: string }>;
  routes: Array<{ hint: string; chainName?: string }>;
  prices: SettingsShape['prices'];
  lists: Record<string, ModelList>;
  /** Targets picked lately, newest first (kept in this browser between runs). */
  recent: Target[];
  loadTargets(): Promise<void>;
  loadModels(profileId: string): Promise<void>;
  remember(target: Target): void;
  /** Whether a conversation and the message being written fit the model's context window. */
  contextCheck(input: MethodInput<'models.contextCheck'>): Promise<ContextCheck>;
}

const RECENT_KEY = 'switchyard.recentTargets';
const RECENT_MAX = 8;

function readRecent(): Target[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as Target[]).slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

export function sameTarget(a: Target | null | undefined, b: Target | null | undefined): boolean {
  if (!a || !b || a.kind !== b.kind) return false;
  if (a.kind === 'profile' && b.kind === 'profile') return a.profileId === b.profileId && a.model === b.model;
  if (a.kind === 'chain' && b.kind === 'chain') return a.chainId === b.chainId;
  return a.kind === 'route' && b.kind === 'route' && a.hint === b.hint;
}

function toModelInfo(model: { id: string; details?: Record<string, string | number> }): ModelInfo {
  const details = model.details ?? {};
  const number = (key: string) => (typeof details[key] === 'number' ? details[key] : undefined);
  return {
    id: model.id,
    contextLength: number('contextLength'),
    inputPerMTok: number('inputPerMTok'),
    outputPerMTok: number('outputPerMTok'),
    details,
  };
}

const inFlight = new Map<string, Promise<void>>();

export const useModels = create<ModelsState>((set, get) => ({
  profiles: [],
  chains: [],
  routes: [],
  prices: {},
  lists: {},
  recent: readRecent(),
  async loadTargets() {
    const [{ profiles }, chains, settings] = await Promise.all([
      api.invoke('profiles.list', {}).catch(() => ({ profiles: [] as ProfileView[] })),
      api.invoke('chains.list', {}).catch(() => ({ chains: [], routes: [] })),
      api.invoke('settings.get', {}).catch(() => null),
    ]);
    set({
      profiles,
      chains: chains.chains.map((c) => ({ id: c.id, name: c.name })),
      routes: chains.routes.map((r) => ({ hint: r.hint, chainName: chains.chains.find((c) => c.id === r.chainId)?.name })),
      ...(settings && { prices: settings.settings.prices }),
    });
  },
  loadModels(profileId) {
    const current = get().lists[profileId];
    if (current?.status === 'ready') return Promise.resolve();
    const running = inFlight.get(profileId);
    if (running) return running;
    set((s) => ({ lists: { ...s.lists, [profileId]: { status: 'loading' } } }));
    const loading = api
      .invoke('connection.models', { profileId })
      .then(
        ({ models }) => set((s) => ({ lists: { ...s.lists, [profileId]: { status: 'ready', models: models.map(toModelInfo) } } })),
        (error: unknown) => set((s) => ({ lists: { ...s.lists, [profileId]: { status: 'error', error: errorMessage(error) } } })),
      )
      .finally(() => inFlight.delete(profileId));
    inFlight.set(profileId, loading);
    return loading;
  },
  remember(target) {
    const recent = [target, ...get().recent.filter((t) => !sameTarget(t, target))].slice(0, RECENT_MAX);
    localStorage.setItem(RECENT_KEY, JSON.stringify(recent));
    set({ recent });
  },
  contextCheck: (input) => api.invoke('models.contextCheck', input),
}));

/** The price of a model: the user's table first (what Chat and Compare charge), then the provider's. */
export function priceOf(
  model: ModelInfo | undefined,
  id: string,
  prices: SettingsShape['prices'],
): { inputPerMTok: number; outputPerMTok: number } | undefined {
  const table = prices[id];
  if (table) return table;
  if (model?.inputPerMTok !== undefined && model.outputPerMTok !== undefined)
    return { inputPerMTok: model.inputPerMTok, outputPerMTok: model.outputPerMTok };
  return undefined;
}

/**
 * The model a profile starts with when picked: its default, else the one used last, else the first
 * the provider lists (fetched when needed), so a picked profile always comes with a model.
 */
export async function preferredModel(profile: ProfileView): Promise<string | undefined> {
  const known = profile.defaultModel || profile.recentModels[0];
  if (known) return known;
  await useModels.getState().loadModels(profile.id);
  const list = useModels.getState().lists[profile.id];
  return list?.status === 'ready' ? list.models[0]?.id : undefined;
}

// A changed profile (new URL, new key) may list other models: forget every list and re-read targets.
api.on('profiles.changed', () => {
  useModels.setState({ lists: {} });
  void useModels.getState().loadTargets();
});
