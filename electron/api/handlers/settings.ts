import type { settingsMethods } from '../../../shared/api/settings';
import { exportConfig, importConfig } from '../../services/config-export';
import { followProxyChange } from '../../services/key-binding';
import type { DomainHandlers } from './types';

export const settingsHandlers: DomainHandlers<typeof settingsMethods> = {
  'settings.get': async (ctx) => {
    const store = ctx.config;
    const config = await store.read();
    return { settings: config.settings, dataDir: ctx.dataDir, configFile: store.file, ...(store.recovery && { recovery: store.recovery }) };
  },
  'settings.update': async (ctx, patch) => {
    const config = await ctx.config.update((draft) => {
      const previousProxy = draft.settings.proxyUrl;
      draft.settings = { ...draft.settings, ...patch };
      if (draft.settings.proxyUrl !== previousProxy) followProxyChange(draft, previousProxy);
    });
    return config.settings;
  },
  'config.export': async (ctx) => exportConfig(await ctx.config.read()),
  'config.import': async (ctx, { content }) => {
    let summary: ReturnType<typeof importConfig>['summary'] | undefined;
    await ctx.config.update((config) => {
      const result = importConfig(config, content);
      summary = result.summary;
      return result.config;
    });
    ctx.emit('profiles.changed', {});
    return summary!;
  },
};
