// The profiles part of the API contract. A profile is a provider with its settings; its keys live
// in the OS keychain and the renderer only ever sees their masked hints.
import { z } from 'zod';
import { event, method, Ok } from '../contract';

export const ConnectionVerdict = z.enum(['pass', 'warn', 'fail', 'skipped']);

export const LastTest = z.object({
  at: z.number(),
  ok: z.boolean(),
  summary: z.string(),
  latencyMs: z.number().optional(),
});
export type LastTest = z.infer<typeof LastTest>;

export const ProfileView = z.object({
  id: z.string(),
  name: z.string(),
  providerKey: z.string(),
  providerName: z.string(),
  /** The catalog adapter behind the provider key (aliases resolved): 'copilot', 'openai-codex', … */
  adapter: z.string(),
  local: z.boolean(),
  baseUrl: z.string().optional(),
  defaultModel: z.string().optional(),
  recentModels: z.array(z.string()),
  extraHeaders: z.record(z.string(), z.string()),
  options: z.record(z.string(), z.unknown()),
  keySlots: z.array(z.object({ slot: z.number(), hint: z.string(), updatedAt: z.number() })),
  hasKey: z.boolean(),
  /** Where a request would take its key from right now. */
  keySource: z.enum(['keychain', 'env', 'default', 'signin', 'none']),
  envVar: z.string().optional(),
  /** For 'signin': which sign-in, e.g. "Gemini CLI sign-in (~/.gemini/oauth_creds.json)". */
  credentialLabel: z.string().optional(),
  lastTest: LastTest.optional(),
  /** Why this profile cannot be used as it is (an unknown provider, for example); it is kept as it is. */
  problem: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ProfileView = z.infer<typeof ProfileView>;

/** An entry of config.json that could not be read; it stays in the file untouched. */
export const UnreadableEntry = z.object({ index: z.number(), id: z.string().optional(), name: z.string().optional(), problem: z.string() });
export type UnreadableEntry = z.infer<typeof UnreadableEntry>;

const Headers = z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'Header names may use letters, digits and dashes.'), z.string());

export const ProfileFields = z.object({
  name: z.string().trim().min(1, 'Give the profile a name.').max(80),
  providerKey: z.string().min(1, 'Pick a provider.'),
  baseUrl: z.string().optional(),
  defaultModel: z.string().optional(),
  extraHeaders: Headers.optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});

const Slot = z.number().int().min(0).max(9);

export const profileMethods = {
  'profiles.list': method({
    summary: 'Every provider profile, with key hints and the last test; profiles that cannot be read are listed apart.',
    input: z.object({}).strict(),
    result: z.object({ profiles: z.array(ProfileView), unreadable: z.array(UnreadableEntry) }),
  }),
  'profiles.create': method({
    summary: 'Creates a profile; a key given here goes straight to the keychain (slot 0).',
    input: ProfileFields.extend({ key: z.string().optional() }).strict(),
    result: ProfileView,
  }),
  'profiles.update': method({
    summary: 'Changes a profile (not its keys).',
    input: z.object({ id: z.string().min(1), patch: ProfileFields.partial().extend({ recentModel: z.string().optional() }).strict() }).strict(),
    result: ProfileView,
  }),
  'profiles.duplicate': method({ summary: 'Copies a profile (without its keys).', input: z.object({ id: z.string().min(1) }).strict(), result: ProfileView }),
  'profiles.delete': method({ summary: 'Deletes a profile and its keychain entries.', input: z.object({ id: z.string().min(1) }).strict(), result: Ok }),
  'profiles.setKey': method({
    summary: 'Saves a key in the keychain; only its hint comes back.',
    input: z.object({ profileId: z.string().min(1), slot: Slot.default(0), key: z.string().min(1, 'Paste a key.') }).strict(),
    result: z.object({ hasKey: z.literal(true), hint: z.string() }),
  }),
  'profiles.deleteKey': method({ summary: 'Removes one key slot from the keychain.', input: z.object({ profileId: z.string().min(1), slot: Slot }).strict(), result: Ok }),
  'profiles.detectFromEnv': method({
    summary: 'Provider keys found in environment variables, to import into the keychain.',
    input: z.object({}).strict(),
    result: z.object({ found: z.array(z.object({ providerKey: z.string(), displayName: z.string(), envVar: z.string(), hint: z.string() })) }),
  }),
  'profiles.importFromEnv': method({
    summary: 'Creates a profile from an environment variable, copying its key into the keychain.',
    input: z.object({ envVar: z.string().min(1), name: z.string().optional() }).strict(),
    result: ProfileView,
  }),
};

export const profileEvents = {
  'profiles.changed': event({ summary: 'The list of profiles changed (another window, the CLI, an import).', payload: z.object({}) }),
};
