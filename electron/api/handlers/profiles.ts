import type { profileMethods } from '../../../shared/api/profiles';
import type { DomainHandlers } from './types';

export const profileHandlers: DomainHandlers<typeof profileMethods> = {};
