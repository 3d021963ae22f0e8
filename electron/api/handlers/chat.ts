import type { chatMethods } from '../../../shared/api/chat';
import type { DomainHandlers } from './types';

export const chatHandlers: DomainHandlers<typeof chatMethods> = {};
