import type { ollamaMethods } from '../../../shared/api/ollama';
import type { DomainHandlers } from './types';

export const ollamaHandlers: DomainHandlers<typeof ollamaMethods> = {};
