import type { secretsMethods } from '../../../shared/api/secrets';
import { keychainProbe } from '../../services/profiles';
import type { DomainHandlers } from './types';

export const secretsHandlers: DomainHandlers<typeof secretsMethods> = {
  'secrets.status': async (ctx) => {
    const store = ctx.keychain;
    const probe = ctx.use(keychainProbe);
    const { allowInMemoryKeys } = (await ctx.config.read()).settings;
    try {
      await store.list();
      probe.unavailable = false;
      probe.lastError = null;
      return { available: true, backend: store.backend, inMemory: false };
    } catch (error) {
      probe.unavailable = true;
      probe.lastError = (error as Error).message;
      return { available: false, backend: store.backend, error: probe.lastError, inMemory: allowInMemoryKeys };
    }
  },
};
