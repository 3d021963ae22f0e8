// What each probed model really did (capabilities.json on the host), for the chips in the model
// picker and on the Providers page. Loaded once, then kept current by capabilities.changed.
import { create } from 'zustand';
import type { ProbeRecord } from '../../../shared/api/models';
import { api } from '../api/client';

interface CapabilitiesState {
  records: Record<string, ProbeRecord>;
  loaded: boolean;
  load(): Promise<void>;
}

export const recordKey = (profileId: string, model: string) => `${profileId}\u0000${model}`;

export const useCapabilities = create<CapabilitiesState>((set, get) => ({
  records: {},
  loaded: false,
  async load() {
    if (get().loaded) return;
    set({ loaded: true });
    try {
      const { records } = await api.invoke('capabilities.list', {});
      set((s) => ({ records: { ...Object.fromEntries(records.map((r) => [recordKey(r.profileId, r.model), r])), ...s.records } }));
    } catch {
      // Chips are extras: without the list, models simply show none, and the next page load retries.
      set({ loaded: false });
    }
  },
}));

api.on('capabilities.changed', ({ record }) => {
  useCapabilities.setState((s) => ({ records: { ...s.records, [recordKey(record.profileId, record.model)]: record } }));
});
