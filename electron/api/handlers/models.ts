import type { modelMethods } from '../../../shared/api/models';
import type { ProbeRecord } from '../../../shared/api/models';
import { capabilityStore } from '../../model-info/capability-store';
import { contextCheck } from '../../services/models/context-check';
import { estimateProbe, probeModel } from '../../services/models/probe';
import type { DomainHandlers } from './types';

export const modelHandlers: DomainHandlers<typeof modelMethods> = {
  'models.contextCheck': (ctx, input) => contextCheck(ctx, input),
  'capabilities.list': async (ctx) => ({ records: await ctx.use(capabilityStore).list() }),
  'capabilities.estimate': (ctx, { profileId, model }) => estimateProbe(ctx, profileId, model),
  'capabilities.probe': (ctx, { profileId, model }) => probeModel(ctx, profileId, model),
  'capabilities.probeAll': async (ctx) => {
    const records: ProbeRecord[] = [];
    const skipped: Array<{ profileId: string; reason: string }> = [];
    // One profile at a time: the probe is about what each model does, not how fast they all answer.
    for (const profile of (await ctx.config.read()).profiles) {
      const model = profile.defaultModel || profile.recentModels[0];
      if (!model) {
        skipped.push({ profileId: profile.id, reason: 'No model chosen yet: set a default model or chat with one first.' });
        continue;
      }
      try {
        records.push(await probeModel(ctx, profile.id, model));
      } catch (error) {
        skipped.push({ profileId: profile.id, reason: (error as Error).message });
      }
    }
    return { records, skipped };
  },
};
