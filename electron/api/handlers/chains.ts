import type { chainMethods } from '../../../shared/api/chains';
import { exportLitellm } from '../../export/litellm';
import {
  coolingTargets,
  deleteChain,
  retryTargetNow,
  dryRunChain,
  previewRoute,
  saveChain,
  saveRoute,
  validateChain,
  validateRoutes,
} from '../../services/chains';
import type { DomainHandlers } from './types';

export const chainHandlers: DomainHandlers<typeof chainMethods> = {
  'chains.list': async (ctx) => {
    const config = await ctx.config.read();
    const problems = [
      ...config.chains.flatMap((chain) => validateChain(config, chain).map((p) => `${chain.name}: ${p}`)),
      ...validateRoutes(config),
    ];
    return { chains: config.chains, routes: config.routes, problems };
  },
  'chains.save': (ctx, input) => saveChain(ctx, input),
  'chains.delete': async (ctx, { id }) => {
    await deleteChain(ctx, id);
    return { ok: true };
  },
  'routes.save': (ctx, input) => saveRoute(ctx, input),
  'routes.delete': async (ctx, { id }) => {
    await ctx.config.update((config) => {
      config.routes = config.routes.filter((r) => r.id !== id);
    });
    return { ok: true };
  },
  'chains.previewRoute': async (ctx, { model }) => {
    const preview = previewRoute(await ctx.config.read(), model);
    return { chainId: preview.chain?.id, chainName: preview.chain?.name, message: preview.message };
  },
  'chains.dryRun': (ctx, { chainId, faults }) => dryRunChain(ctx, chainId, faults),
  'chains.exportLitellm': async (ctx) => exportLitellm(await ctx.config.read(), { version: ctx.options.appVersion }),
  'chains.cooldowns': async (ctx) => ({ cooling: (await coolingTargets(ctx)).map(({ revision: _revision, ...target }) => target) }),
  'chains.retryNow': (_ctx, { key }) => {
    retryTargetNow(key);
    return { ok: true };
  },
};
