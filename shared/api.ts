// The one API contract between the renderer and the host. Every transport (Electron IPC, the
// browser-mode WebSocket), the preload, the handler table and the renderer client derive from
// `methods` and `events` below; adding a method is one entry in a domain file under ./api/.
import type { z } from 'zod';
import { appEvents, appMethods } from './api/app';
import { authEvents, authMethods } from './api/auth';
import { chainEvents, chainMethods } from './api/chains';
import { chatEvents, chatMethods } from './api/chat';
import { compareEvents, compareMethods } from './api/compare';
import { connectionEvents, connectionMethods } from './api/connection';
import { gatewayEvents, gatewayMethods } from './api/gateway';
import { historyEvents, historyMethods } from './api/history';
import { modelEvents, modelMethods } from './api/models';
import { ollamaEvents, ollamaMethods } from './api/ollama';
import { profileEvents, profileMethods } from './api/profiles';
import { providerEvents, providerMethods } from './api/providers';
import { secretsEvents, secretsMethods } from './api/secrets';
import { settingsEvents, settingsMethods } from './api/settings';
import type { Envelope, EventSpec, MethodSpec } from './contract';

export const methods = {
  ...appMethods,
  ...providerMethods,
  ...profileMethods,
  ...secretsMethods,
  ...settingsMethods,
  ...historyMethods,
  ...chatMethods,
  ...connectionMethods,
  ...chainMethods,
  ...compareMethods,
  ...ollamaMethods,
  ...authMethods,
  ...gatewayMethods,
  ...modelMethods,
} satisfies Record<string, MethodSpec>;

export const events = {
  ...appEvents,
  ...providerEvents,
  ...profileEvents,
  ...secretsEvents,
  ...settingsEvents,
  ...historyEvents,
  ...chatEvents,
  ...connectionEvents,
  ...chainEvents,
  ...compareEvents,
  ...ollamaEvents,
  ...authEvents,
  ...gatewayEvents,
  ...modelEvents,
} satisfies Record<string, EventSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods & string;
/** What a caller passes (before zod defaults are applied). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodResult<M extends MethodName> = z.output<Methods[M]['result']>;

export type Events = typeof events;
export type EventName = keyof Events & string;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The surface the preload exposes to the page (the global `switchyard`), and the renderer transports implement. */
export interface SwitchyardBridge {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
