import type { secretsMethods } from '../../../shared/api/secrets';
import type { DomainHandlers } from './types';

export const secretsHandlers: DomainHandlers<typeof secretsMethods> = {};
