import type { historyMethods } from '../../../shared/api/history';
import type { DomainHandlers } from './types';

export const historyHandlers: DomainHandlers<typeof historyMethods> = {};
