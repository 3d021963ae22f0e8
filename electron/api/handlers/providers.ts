import type { providerMethods } from '../../../shared/api/providers';
import type { DomainHandlers } from './types';

export const providerHandlers: DomainHandlers<typeof providerMethods> = {};
