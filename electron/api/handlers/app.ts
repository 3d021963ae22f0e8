import type { appMethods } from '../../../shared/api/app';
import type { DomainHandlers } from './types';

export const appHandlers: DomainHandlers<typeof appMethods> = {
  'app.info': (ctx) => ({
    name: 'Switchyard',
    version: ctx.options.appVersion,
    platform: process.platform,
    arch: process.arch,
    dataDir: ctx.dataDir,
    nodeVersion: process.versions.node,
    electronVersion: ctx.options.electronVersion,
    transport: ctx.options.transport,
  }),
  'app.ping': (_ctx, input) => ({ pong: true, nonce: input.nonce, at: Date.now() }),
  'app.openDataFolder': async (ctx) => {
    if (!ctx.options.openPath) return { opened: false, path: ctx.dataDir };
    await ctx.options.openPath(ctx.dataDir);
    return { opened: true, path: ctx.dataDir };
  },
};
