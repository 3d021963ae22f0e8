import type { compareMethods } from '../../../shared/api/compare';
import type { DomainHandlers } from './types';

export const compareHandlers: DomainHandlers<typeof compareMethods> = {};
