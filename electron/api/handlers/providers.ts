import type { providerMethods } from '../../../shared/api/providers';
import { listProviders } from '../../providers/catalog';
import type { DomainHandlers } from './types';

export const providerHandlers: DomainHandlers<typeof providerMethods> = {
  'providers.catalog': (ctx) => {
    const providers = listProviders();
    const names = new Set(providers.flatMap((p) => p.envVars));
    // Only which variables are set, never their values.
    return { providers, envSet: [...names].filter((name) => Boolean(ctx.env[name]?.trim())).sort() };
  },
};
