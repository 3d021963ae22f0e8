// The compare runner and store as per-host services, wired to the host's events and to the
// target resolution every domain shares (profiles, chains, routes).
import type { HostContext } from '../../host/context';
import { resolveTarget } from '../targets';
import { CompareRunner } from './runner';
import { CompareStore } from './store';

export const compareStore = (ctx: HostContext) => new CompareStore(ctx.dataDir);

export const compareRunner = (ctx: HostContext) => {
  const runner = new CompareRunner({
    resolve: (target) => resolveTarget(ctx, target),
    emit: (event, payload) => ctx.emit(event, payload),
    store: ctx.use(compareStore),
  });
  ctx.onDispose(() => runner.dispose());
  return runner;
};
