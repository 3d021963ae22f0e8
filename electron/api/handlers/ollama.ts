import type { ollamaMethods } from '../../../shared/api/ollama';
import {
  deleteModel,
  listModels,
  pullManager,
  quickTest,
  runningModels,
  serverStatus,
  showModel,
  unloadModel,
} from '../../services/ollama';
import type { DomainHandlers } from './types';

export const ollamaHandlers: DomainHandlers<typeof ollamaMethods> = {
  'ollama.status': (ctx, input) => serverStatus(ctx, input),
  'ollama.models': async (ctx, input) => ({ models: await listModels(ctx, input) }),
  'ollama.running': async (ctx, input) => ({ models: await runningModels(ctx, input) }),
  'ollama.pull': async (ctx, { model, ...server }) => ({ pullId: await ctx.use(pullManager).start(server, model) }),
  'ollama.cancelPull': (ctx, { pullId }) => {
    ctx.use(pullManager).cancel(pullId);
    return { ok: true };
  },
  'ollama.delete': async (ctx, { model, ...server }) => {
    await deleteModel(ctx, server, model);
    return { ok: true };
  },
  'ollama.unload': async (ctx, { model, ...server }) => {
    await unloadModel(ctx, server, model);
    return { ok: true };
  },
  'ollama.show': (ctx, { model, ...server }) => showModel(ctx, server, model),
  'ollama.test': (ctx, { model, ...server }) => quickTest(ctx, server, model),
};
