// The Chains page's state: chains, routes, the targets cooling down and the profiles they name, a
// cache of the host's. Every change goes through an action here; the page reloads after it.
import { create } from 'zustand';
import type { MethodInput, MethodResult } from '../../../shared/api';
import type { ChainShape, CoolingShape, RouteShape } from '../../../shared/api/chains';
import type { ProfileView } from '../../../shared/api/profiles';
import { api, errorMessage } from '../api/client';

interface ChainsState {
  chains: ChainShape[];
  routes: RouteShape[];
  /** What the host found wrong with the saved chains (a deleted profile, a missing chain). */
  problems: string[];
  profiles: ProfileView[];
  cooling: CoolingShape[];
  loaded: boolean;
  error: string | null;
  setError(error: string | null): void;
  load(): Promise<void>;
  save(chain: MethodInput<'chains.save'>): Promise<void>;
  remove(id: string): Promise<void>;
  dryRun(input: MethodInput<'chains.dryRun'>): Promise<MethodResult<'chains.dryRun'>>;
  retryNow(key: string): Promise<void>;
  /** Route changes read the lists again; a failure throws to the caller. */
  saveRoute(route: MethodInput<'routes.save'>): Promise<void>;
  removeRoute(id: string): Promise<void>;
  /** What a model string would reach, in words ("hint:fast → chain Everyday"). */
  previewRoute(model: string): Promise<string>;
  exportLitellm(): Promise<MethodResult<'chains.exportLitellm'>>;
}

export const useChains = create<ChainsState>((set, get) => ({
  chains: [],
  routes: [],
  problems: [],
  profiles: [],
  cooling: [],
  loaded: false,
  error: null,
  setError: (error) => set({ error }),
  async load() {
    try {
      const [list, { profiles }, { cooling }] = await Promise.all([
        api.invoke('chains.list', {}),
        api.invoke('profiles.list', {}),
        api.invoke('chains.cooldowns', {}),
      ]);
      set({ chains: list.chains, routes: list.routes, problems: list.problems, profiles, cooling });
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ loaded: true });
    }
  },
  async save(chain) {
    await api.invoke('chains.save', chain);
  },
  async remove(id) {
    await api.invoke('chains.delete', { id });
  },
  dryRun: (input) => api.invoke('chains.dryRun', input),
  async retryNow(key) {
    await api.invoke('chains.retryNow', { key });
  },
  async saveRoute(route) {
    await api.invoke('routes.save', route);
    await get().load();
  },
  async removeRoute(id) {
    await api.invoke('routes.delete', { id });
    await get().load();
  },
  previewRoute: async (model) => (await api.invoke('chains.previewRoute', { model })).message,
  exportLitellm: () => api.invoke('chains.exportLitellm', {}),
}));
