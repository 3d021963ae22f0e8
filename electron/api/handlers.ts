// The handler table: one function per method of shared/api.ts, nothing else. Each domain keeps its
// handlers in ./handlers/<domain>.ts; TypeScript checks that every method has exactly one.
import { appHandlers } from './handlers/app';
import { authHandlers } from './handlers/auth';
import { chainHandlers } from './handlers/chains';
import { chatHandlers } from './handlers/chat';
import { compareHandlers } from './handlers/compare';
import { connectionHandlers } from './handlers/connection';
import { gatewayHandlers } from './handlers/gateway';
import { historyHandlers } from './handlers/history';
import { modelHandlers } from './handlers/models';
import { ollamaHandlers } from './handlers/ollama';
import { profileHandlers } from './handlers/profiles';
import { providerHandlers } from './handlers/providers';
import { secretsHandlers } from './handlers/secrets';
import { settingsHandlers } from './handlers/settings';
import type { HandlerTable } from './handlers/types';

export const handlers: HandlerTable = {
  ...appHandlers,
  ...providerHandlers,
  ...profileHandlers,
  ...secretsHandlers,
  ...settingsHandlers,
  ...historyHandlers,
  ...chatHandlers,
  ...connectionHandlers,
  ...chainHandlers,
  ...compareHandlers,
  ...ollamaHandlers,
  ...authHandlers,
  ...gatewayHandlers,
  ...modelHandlers,
};
