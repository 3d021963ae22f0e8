import type { connectionMethods } from '../../../shared/api/connection';
import { testAllConnections, testConnection, testDraft } from '../../services/connection-test';
import { providerForProfile } from '../../services/profile-provider';
import type { DomainHandlers } from './types';

export const connectionHandlers: DomainHandlers<typeof connectionMethods> = {
  'connection.test': (ctx, { profileId, model }) => testConnection(ctx, profileId, model),
  'connection.testDraft': (ctx, draft) => testDraft(ctx, draft),
  'connection.testAll': async (ctx, { concurrency }) => ({ results: await testAllConnections(ctx, concurrency) }),
  'connection.models': async (ctx, { profileId }) => {
    const { provider } = await providerForProfile(ctx, profileId);
    return { models: await provider.listModels(AbortSignal.timeout(20_000)) };
  },
};
