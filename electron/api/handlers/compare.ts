import type { compareMethods } from '../../../shared/api/compare';
import { compareToJson, compareToMarkdown, exportFilename } from '../../services/compare/export';
import { compareRunner, compareStore } from '../../services/compare/service';
import type { DomainHandlers } from './types';

export const compareHandlers: DomainHandlers<typeof compareMethods> = {
  'compare.plan': (ctx, input) => ctx.use(compareRunner).plan(input.targets),
  'compare.start': (ctx, input) => ctx.use(compareRunner).start(input),
  'compare.stop': (ctx, input) => {
    ctx.use(compareRunner).stop(input.runId, input.columnId);
    return { ok: true };
  },
  'compare.rerun': async (ctx, input) => {
    await ctx.use(compareRunner).rerun(input.runId, input.columnId);
    return { ok: true };
  },
  'compare.get': async (ctx, input) => ctx.use(compareRunner).get(input.runId) ?? (await ctx.use(compareStore).get(input.runId)),
  'compare.list': async (ctx) => ({ runs: await ctx.use(compareStore).list() }),
  'compare.vote': async (ctx, input) => {
    await ctx.use(compareRunner).vote(input.runId, input.columnId);
    return { ok: true };
  },
  'compare.export': async (ctx, input) => {
    const run = ctx.use(compareRunner).get(input.runId) ?? (await ctx.use(compareStore).get(input.runId));
    return input.format === 'markdown'
      ? { filename: exportFilename(run, 'md'), mimeType: 'text/markdown', content: compareToMarkdown(run) }
      : { filename: exportFilename(run, 'json'), mimeType: 'application/json', content: compareToJson(run) };
  },
  'compare.delete': async (ctx, input) => {
    await ctx.use(compareStore).delete(input.runId);
    return { ok: true };
  },
};
