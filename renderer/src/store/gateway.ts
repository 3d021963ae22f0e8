// The gateway as the UI sees it: its status (settings, tokens) and the live request log, kept
// current by the host's gateway.status and gateway.request events.
import { create } from 'zustand';
import type { MethodInput, MethodResult } from '../../../shared/api';
import type { GatewayLogEntry, GatewayStatus } from '../../../shared/api/gateway';
import { api, errorMessage } from '../api/client';

const MAX_ENTRIES = 500;

interface GatewayState {
  status: GatewayStatus | null;
  entries: GatewayLogEntry[];
  loadError: string | null;
  load(): Promise<void>;
  setStatus(status: GatewayStatus): void;
  clearLog(): Promise<void>;
  /** Saves settings and keeps the status the host answers with (running, or why not). */
  update(patch: MethodInput<'gateway.update'>): Promise<GatewayStatus>;
  /** A new token, shown once: the host keeps only its hash. */
  createToken(name: string): Promise<MethodResult<'gateway.createToken'>>;
  revokeToken(id: string): Promise<void>;
}

export const useGateway = create<GatewayState>((set, get) => ({
  status: null,
  entries: [],
  loadError: null,
  async load() {
    try {
      const [status, log] = await Promise.all([api.invoke('gateway.status', {}), api.invoke('gateway.log', {})]);
      set({ status, entries: log.entries, loadError: null });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  setStatus(status) {
    set({ status });
  },
  async clearLog() {
    await api.invoke('gateway.clearLog', {});
    set({ entries: [] });
  },
  async update(patch) {
    const status = await api.invoke('gateway.update', patch);
    set({ status });
    return status;
  },
  async createToken(name) {
    const created = await api.invoke('gateway.createToken', { name });
    void get().load();
    return created;
  },
  async revokeToken(id) {
    await api.invoke('gateway.revokeToken', { id });
    void get().load();
  },
}));

let subscribed = false;

/** Subscribes once per page load; entries arrive at start and at end of each request. */
export function subscribeGateway(): void {
  if (subscribed) return;
  subscribed = true;
  api.on('gateway.status', (status) => useGateway.setState({ status }));
  api.on('gateway.request', (entry) =>
    useGateway.setState(({ entries }) => {
      const at = entries.findIndex((e) => e.id === entry.id);
      if (at >= 0) return { entries: entries.map((e, i) => (i === at ? entry : e)) };
      return { entries: [entry, ...entries].slice(0, MAX_ENTRIES) };
    }),
  );
}
