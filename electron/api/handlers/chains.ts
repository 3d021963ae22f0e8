import type { chainMethods } from '../../../shared/api/chains';
import type { DomainHandlers } from './types';

export const chainHandlers: DomainHandlers<typeof chainMethods> = {};
