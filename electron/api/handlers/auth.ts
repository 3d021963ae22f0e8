import type { authMethods } from '../../../shared/api/auth';
import type { DomainHandlers } from './types';

export const authHandlers: DomainHandlers<typeof authMethods> = {};
