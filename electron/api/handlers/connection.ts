import type { connectionMethods } from '../../../shared/api/connection';
import { testAllConnections, testConnection, testDraft } from '../../services/connection-test';
import { withModelFacts } from '../../services/models/facts';
import { modelLists } from '../../services/models/model-lists';
import type { DomainHandlers } from './types';

export const connectionHandlers: DomainHandlers<typeof connectionMethods> = {
  'connection.test': (ctx, { profileId, model }) => testConnection(ctx, profileId, model),
  'connection.testDraft': (ctx, draft) => testDraft(ctx, draft),
  'connection.testAll': async (ctx, { concurrency }) => ({ results: await testAllConnections(ctx, concurrency) }),
  'connection.models': async (ctx, { profileId }) => ({
    models: await withModelFacts(ctx, profileId, await ctx.use(modelLists).fetch(profileId)),
  }),
};
