// Profiles, the provider catalog and connection tests, as the Providers page and pickers see them.
// A cache of the host's state: every change goes through the API and the list is re-read.
import { create } from 'zustand';
import type { MethodInput } from '../../../shared/api';
import type { ConnectionResult, StageResult } from '../../../shared/api/connection';
import type { ProfileView, UnreadableEntry } from '../../../shared/api/profiles';
import type { ProviderInfoShape } from '../../../shared/api/providers';
import { api, errorMessage } from '../api/client';
import { own } from '../../../shared/own';

interface ProvidersState {
  profiles: ProfileView[];
  /** Entries of config.json that could not be read (kept there untouched). */
  unreadable: UnreadableEntry[];
  catalog: ProviderInfoShape[];
  /** Why the catalog could not be read; null while it loads or once it has. */
  catalogError: string | null;
  envSet: string[];
  envKeys: Array<{ providerKey: string; displayName: string; envVar: string; hint: string }>;
  loaded: boolean;
  error: string | null;
  /** Live stages of running tests, by profile. */
  testing: Record<string, StageResult[]>;
  results: Record<string, ConnectionResult>;
  refresh(): Promise<void>;
  loadCatalog(): Promise<void>;
  test(profileId: string, model?: string): Promise<ConnectionResult | null>;
  testAll(): Promise<void>;
  /** Adds a profile; a key given here goes straight to the keychain (slot 0). */
  create(fields: MethodInput<'profiles.create'>): Promise<ProfileView>;
  /** Changes a profile, and replaces its first key when a new one was typed. */
  update(id: string, patch: MethodInput<'profiles.update'>['patch'], key?: string): Promise<void>;
  /** Each of these changes a profile on the host, then re-reads the list; a failure throws. */
  duplicate(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Lets the held keys go to the profile's new provider, endpoint or proxy. */
  confirmEndpoint(id: string): Promise<void>;
  importFromEnv(envVar: string): Promise<void>;
  /** Tests what the Add/Edit dialog holds, saving nothing; each stage goes to onStage as it ends. */
  testDraft(
    draftId: string,
    draft: Omit<MethodInput<'connection.testDraft'>, 'draftId'>,
    onStage: (stage: StageResult) => void,
  ): Promise<ConnectionResult>;
}

export const useProviders = create<ProvidersState>((set, get) => ({
  profiles: [],
  unreadable: [],
  catalog: [],
  catalogError: null,
  envSet: [],
  envKeys: [],
  loaded: false,
  error: null,
  testing: {},
  results: {},
  async refresh() {
    try {
      const [{ profiles, unreadable }, { found }] = await Promise.all([
        api.invoke('profiles.list', {}),
        api.invoke('profiles.detectFromEnv', {}),
      ]);
      set({ profiles, unreadable, envKeys: found, loaded: true, error: null });
    } catch (error) {
      set({ error: errorMessage(error), loaded: true });
    }
  },
  async loadCatalog() {
    if (get().catalog.length > 0) return;
    set({ catalogError: null });
    try {
      const { providers, envSet } = await api.invoke('providers.catalog', {});
      set({ catalog: providers, envSet });
    } catch (error) {
      set({ catalogError: errorMessage(error) });
    }
  },
  async test(profileId, model) {
    set((state) => ({ testing: { ...state.testing, [profileId]: [] } }));
    try {
      const result = await api.invoke('connection.test', { profileId, model });
      set((state) => ({ results: { ...state.results, [profileId]: result } }));
      return result;
    } catch (error) {
      set({ error: errorMessage(error) });
      return null;
    } finally {
      set((state) => {
        const testing = { ...state.testing };
        delete testing[profileId];
        return { testing };
      });
      await get().refresh();
    }
  },
  async testAll() {
    const ids = get().profiles.map((p) => p.id);
    set((state) => ({ testing: { ...state.testing, ...Object.fromEntries(ids.map((id) => [id, []])) } }));
    try {
      const { results } = await api.invoke('connection.testAll', { concurrency: 4 });
      set((state) => ({ results: { ...state.results, ...Object.fromEntries(results.map((r) => [r.profileId, r])) } }));
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ testing: {} });
      await get().refresh();
    }
  },
  create: (fields) => api.invoke('profiles.create', fields),
  async update(id, patch, key) {
    await api.invoke('profiles.update', { id, patch });
    if (key) await api.invoke('profiles.setKey', { profileId: id, slot: 0, key });
  },
  duplicate: (id) => changeThenRefresh('profiles.duplicate', { id }),
  remove: (id) => changeThenRefresh('profiles.delete', { id }),
  confirmEndpoint: (id) => changeThenRefresh('profiles.confirmEndpoint', { id }),
  importFromEnv: (envVar) => changeThenRefresh('profiles.importFromEnv', { envVar }),
  async testDraft(draftId, draft, onStage) {
    const off = api.on('connection.progress', ({ profileId, stage }) => profileId === draftId && onStage(stage));
    try {
      return await api.invoke('connection.testDraft', { draftId, ...draft });
    } finally {
      off();
    }
  },
}));

/** A change to the profiles on the host, then the list read again; a failure throws to the caller. */
async function changeThenRefresh<
  M extends 'profiles.duplicate' | 'profiles.delete' | 'profiles.confirmEndpoint' | 'profiles.importFromEnv',
>(method: M, input: MethodInput<M>): Promise<void> {
  await api.invoke(method, input);
  await useProviders.getState().refresh();
}

api.on('connection.progress', ({ profileId, stage }) => {
  useProviders.setState((state) => {
    // Only tests this store started (a dialog's "Test before saving" follows its own).
    if (!own(state.testing, profileId)) return state;
    const stages = [...(own(state.testing, profileId) ?? []).filter((s) => s.id !== stage.id), stage];
    return { testing: { ...state.testing, [profileId]: stages } };
  });
});

api.on('profiles.changed', () => void useProviders.getState().refresh());
