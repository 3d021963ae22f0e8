// The local gateway: its settings, access tokens (shown once, stored as hashes) and live request log.
import { z } from 'zod';
import { event, method, Ok } from '../contract';
import { AttemptTrace, TokenUsage } from '../types';

export const GatewayTokenShape = z.object({
  id: z.string(),
  name: z.string(),
  hint: z.string(),
  createdAt: z.number(),
  lastUsedAt: z.number().optional(),
});
export type GatewayTokenShape = z.infer<typeof GatewayTokenShape>;

export const GatewaySettingsShape = z.object({
  port: z.number().int().min(1).max(65535),
  aliases: z.record(z.string().min(1).max(200), z.string().min(1).max(300)),
  allowedOrigins: z.array(z.string().max(300)).max(50),
  logBodies: z.boolean(),
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024),
  maxConcurrentPerToken: z.number().int().min(1).max(1000),
  requestTimeoutMs: z.number().int().min(1000).max(3_600_000),
});
export type GatewaySettingsShape = z.infer<typeof GatewaySettingsShape>;

export const GatewayStatus = z.object({
  enabled: z.boolean(),
  running: z.boolean(),
  /** http://127.0.0.1:<port> while running. */
  baseUrl: z.string().optional(),
  /** Why it is not running although enabled (port in use…). */
  error: z.string().optional(),
  defaultPort: z.number(),
  settings: GatewaySettingsShape,
  tokens: z.array(GatewayTokenShape),
});
export type GatewayStatus = z.infer<typeof GatewayStatus>;

export const GatewayLogEntry = z.object({
  id: z.string(),
  at: z.number(),
  /** Name of the token that made the request; absent when none was valid. */
  token: z.string().optional(),
  format: z.enum(['openai', 'anthropic']),
  endpoint: z.string(),
  model: z.string().optional(),
  resolvedAs: z.string().optional(),
  answeredBy: z.string().optional(),
  stream: z.boolean(),
  state: z.enum(['running', 'done', 'error']),
  status: z.number().int().optional(),
  error: z.string().optional(),
  ttftMs: z.number().optional(),
  durationMs: z.number().optional(),
  /** The gateway's own share of durationMs: not waiting on the provider or the client. */
  gatewayMs: z.number().optional(),
  usage: TokenUsage.optional(),
  /** True when a provider reported no usage and the counts are estimates. */
  usageEstimated: z.boolean().optional(),
  costUsd: z.number().optional(),
  attempts: z.array(AttemptTrace),
  /** Only with "keep prompts and answers" on. */
  prompt: z.string().optional(),
  answer: z.string().optional(),
});
export type GatewayLogEntry = z.infer<typeof GatewayLogEntry>;

export const gatewayMethods = {
  'gateway.status': method({
    summary: 'Whether the gateway runs, where, its settings and its tokens (never their values).',
    input: z.object({}).strict(),
    result: GatewayStatus,
  }),
  'gateway.update': method({
    summary: 'Turns the gateway on or off and changes its settings; it restarts when the port changes.',
    input: GatewaySettingsShape.partial().extend({ enabled: z.boolean().optional() }).strict(),
    result: GatewayStatus,
  }),
  'gateway.createToken': method({
    summary: 'Creates an access token for one client. Its value is in this result only; Switchyard keeps a hash.',
    input: z.object({ name: z.string().min(1).max(80) }).strict(),
    result: GatewayTokenShape.extend({ token: z.string() }),
  }),
  'gateway.revokeToken': method({
    summary: 'Revokes a token; its next request is refused.',
    input: z.object({ id: z.string().min(1) }).strict(),
    result: Ok,
  }),
  'gateway.log': method({
    summary: 'The most recent gateway requests, newest first.',
    input: z.object({}).strict(),
    result: z.object({ entries: z.array(GatewayLogEntry) }),
  }),
  'gateway.clearLog': method({ summary: 'Empties the request log.', input: z.object({}).strict(), result: Ok }),
};

export const gatewayEvents = {
  'gateway.request': event({ summary: 'A gateway request started or finished (the whole entry).', payload: GatewayLogEntry }),
  'gateway.status': event({ summary: 'The gateway started, stopped or failed to start.', payload: GatewayStatus }),
};
