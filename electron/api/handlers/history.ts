import type { historyMethods } from '../../../shared/api/history';
import { historyStore } from '../../services/history';
import type { DomainHandlers } from './types';

export const historyHandlers: DomainHandlers<typeof historyMethods> = {
  'history.list': async (ctx, { query }) => ({ conversations: await ctx.use(historyStore).list(query) }),
  'history.load': (ctx, { id }) => ctx.use(historyStore).load(id),
  'history.rename': async (ctx, { id, title }) => {
    await ctx.use(historyStore).rename(id, title);
    return { ok: true };
  },
  'history.delete': async (ctx, { id }) => {
    await ctx.use(historyStore).delete(id);
    return { ok: true };
  },
  'history.deleteAll': async (ctx) => ({ deleted: await ctx.use(historyStore).deleteAll() }),
};
