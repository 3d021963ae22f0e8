import type { gatewayMethods } from '../../../shared/api/gateway';
import { requestLog } from '../../gateway/request-log';
import { gatewayService } from '../../gateway/service';
import { createToken, revokeToken } from '../../gateway/tokens';
import type { DomainHandlers } from './types';

export const gatewayHandlers: DomainHandlers<typeof gatewayMethods> = {
  'gateway.status': (ctx) => ctx.use(gatewayService).status(),
  'gateway.update': async (ctx, patch) => {
    await ctx.config.update((config) => {
      config.gateway = { ...config.gateway, ...patch };
    });
    return ctx.use(gatewayService).apply();
  },
  'gateway.createToken': (ctx, { name }) => createToken(ctx, name),
  'gateway.revokeToken': async (ctx, { id }) => {
    await revokeToken(ctx, id);
    return { ok: true };
  },
  'gateway.log': (ctx) => ({ entries: ctx.use(requestLog).list() }),
  'gateway.clearLog': (ctx) => {
    ctx.use(requestLog).clear();
    return { ok: true };
  },
};
