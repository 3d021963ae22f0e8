// The keychain's health, for the Settings page and the CLI.
import { z } from 'zod';
import { method } from '../contract';

export const SecretsStatus = z.object({
  available: z.boolean(),
  backend: z.string(),
  /** keychain_locked (unlock it and retry), keychain_unavailable (no keychain) or keychain_timeout. */
  code: z.string().optional(),
  error: z.string().optional(),
  /** Keys are kept in memory for this run (explicit opt-in, no keychain). */
  inMemory: z.boolean(),
});
export type SecretsStatus = z.infer<typeof SecretsStatus>;

export const secretsMethods = {
  'secrets.status': method({
    summary: 'Whether the OS keychain works, which backend, and the last error.',
    input: z.object({}).strict(),
    result: SecretsStatus,
  }),
};

export const secretsEvents = {};
