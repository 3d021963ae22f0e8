import type { secretsMethods } from '../../../shared/api/secrets';
import { keychainStatus } from '../../services/profiles';
import type { DomainHandlers } from './types';

export const secretsHandlers: DomainHandlers<typeof secretsMethods> = {
  'secrets.status': async (ctx) => {
    const { available, backend, code, error, inMemory } = await keychainStatus(ctx);
    return { available, backend, inMemory, ...(code && { code }), ...(error && { error }) };
  },
};
