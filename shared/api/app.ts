import { z } from 'zod';
import { event, method, NoInput } from '../contract';

export const AppInfo = z.object({
  name: z.literal('Switchyard'),
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
  dataDir: z.string(),
  nodeVersion: z.string(),
  /** null when the host is not Electron (browser mode, CLI). */
  electronVersion: z.string().nullable(),
  transport: z.enum(['ipc', 'websocket', 'cli']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appMethods = {
  'app.info': method({
    summary: 'Version, platform, data folder and runtime versions of the host.',
    input: NoInput,
    result: AppInfo,
  }),
  'app.openDataFolder': method({
    summary: 'Opens the data folder in the file manager (desktop app only).',
    input: NoInput,
    result: z.object({ opened: z.boolean(), path: z.string() }),
  }),
  'app.ping': method({
    summary: 'Round trip to the host; echoes a nonce so the caller can measure latency.',
    input: z.object({ nonce: z.string().max(200).optional() }).strict(),
    result: z.object({ pong: z.literal(true), nonce: z.string().optional(), at: z.number() }),
  }),
};

export const appEvents = {
  'app.command': event({
    summary: 'A menu command for the renderer (Settings, New chat).',
    payload: z.object({ command: z.enum(['open-settings', 'new-chat']) }),
  }),
  'app.eventFailed': event({
    summary:
      'An event the host could not deliver because its payload was invalid; streamId or runId says which answer or comparison it belonged to.',
    payload: z.object({
      event: z.string(),
      code: z.literal('invalid_event'),
      message: z.string(),
      streamId: z.string().optional(),
      runId: z.string().optional(),
    }),
  }),
};
