// The Settings page's state: the saved settings with where the data lives, the keychain's status and
// what the app runs on, a cache of the host's. Sections save through the actions here.
import { create } from 'zustand';
import type { MethodResult } from '../../../shared/api';
import type { AppInfo } from '../../../shared/api/app';
import type { SecretsStatus } from '../../../shared/api/secrets';
import type { SettingsShape } from '../../../shared/api/settings';
import { api, errorMessage } from '../api/client';

type Loaded = MethodResult<'settings.get'>;

interface SettingsState {
  loaded: Loaded | null;
  secrets: SecretsStatus | null;
  info: AppInfo | null;
  /** Why the settings could not be read; a section's own failures stay with the section. */
  error: string | null;
  setError(error: string | null): void;
  load(): Promise<void>;
  /** Saves a change and keeps the saved settings; throws so the section that asked can say why. */
  update(patch: Partial<SettingsShape>): Promise<SettingsShape>;
  recheckSecrets(): Promise<void>;
  /** Version, platform, data folder and transport; throws so the About dialog can say why. */
  loadInfo(): Promise<AppInfo>;
  openDataFolder(): Promise<void>;
  exportConfig(): Promise<MethodResult<'config.export'>>;
  importConfig(content: string): Promise<MethodResult<'config.import'>>;
  /** How many conversations were deleted. */
  deleteAllHistory(): Promise<number>;
}

export const useSettings = create<SettingsState>((set) => ({
  loaded: null,
  secrets: null,
  info: null,
  error: null,
  setError: (error) => set({ error }),
  async load() {
    try {
      const [loaded, secrets] = await Promise.all([api.invoke('settings.get', {}), api.invoke('secrets.status', {})]);
      set({ loaded, secrets });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async update(patch) {
    const settings = await api.invoke('settings.update', patch);
    set((state) => ({ loaded: state.loaded && { ...state.loaded, settings } }));
    return settings;
  },
  async recheckSecrets() {
    set({ secrets: await api.invoke('secrets.status', {}) });
  },
  async loadInfo() {
    const info = await api.invoke('app.info', {});
    set({ info });
    return info;
  },
  async openDataFolder() {
    await api.invoke('app.openDataFolder', {});
  },
  exportConfig: () => api.invoke('config.export', {}),
  importConfig: (content) => api.invoke('config.import', { content }),
  deleteAllHistory: async () => (await api.invoke('history.deleteAll', {})).deleted,
}));
