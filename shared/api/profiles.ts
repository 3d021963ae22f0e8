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

/** What moved since a profile's keys were bound to its endpoint (they are on hold until confirmed). */
export const EndpointChange = z.object({ what: z.enum(['provider', 'endpoint', 'proxy']), from: z.string(), to: z.string() });
export type EndpointChange = z.infer<typeof EndpointChange>;

/**
 * How the app signs a profile in, when it signs in instead of taking a key: the renderer picks the
 * sign-in view by this, never by the provider, so a provider with the same kind of sign-in gets it.
 * 'device-code': a code the user enters on the service's page (GitHub's device flow).
 * 'browser-oauth': the service's page in the browser, back to a local callback (ChatGPT).
 */
export const SignInKind = z.enum(['device-code', 'browser-oauth']);
export type SignInKind = z.infer<typeof SignInKind>;

export const ProfileSignIn = z.object({
  kind: SignInKind,
  /** Whose account the user signs in with, as in "Sign in with GitHub". */
  service: z.string(),
  /** What the sign-in is for, as in "Sign in to GitHub Copilot". */
  product: z.string(),
  /** The account the profile is signed in as; absent when it is not signed in. */
  account: z.string().optional(),
});
export type ProfileSignIn = z.infer<typeof ProfileSignIn>;

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
  /** The sign-in the app runs for this profile instead of a key (from its provider family). */
  signIn: ProfileSignIn.optional(),
  lastTest: LastTest.optional(),
  /** Set when the provider, endpoint or proxy changed since the keys were stored: they are not sent until confirmed. */
  keysOnHold: z.array(EndpointChange).optional(),
  /** Why this profile cannot be used as it is (an unknown provider, for example); it is kept as it is. */
  problem: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ProfileView = z.infer<typeof ProfileView>;

/** An entry of config.json that could not be read; it stays in the file untouched. */
export const UnreadableEntry = z.object({ index: z.number(), id: z.string().optional(), name: z.string().optional(), problem: z.string() });
export type UnreadableEntry = z.infer<typeof UnreadableEntry>;

// The one set of rules for a profile's fields: the API (create, update), config.json and an imported
// file all validate with these, so a shared configuration file cannot carry what the form refuses.

/** Control characters (CR, LF, NUL…) would let a value smuggle a second header or request line. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** http(s) URLs, or a bare host[:port][/path] (Ollama's OLLAMA_HOST style); never file:, javascript: and the like. */
export function baseUrlProblem(url: string): string | null {
  const text = url.trim();
  if (!text) return null;
  if (/\s/.test(text) || hasControlCharacter(text)) return 'A URL cannot contain spaces or control characters.';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      return 'This is not a URL. It should look like https://api.example.com/v1.';
    }
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? null : 'Use an http:// or https:// URL.';
  }
  return /^[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[^\s]*)?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?(?:\/[^\s]*)?$/.test(text)
    ? null
    : 'Use an http:// or https:// URL.';
}

export const BaseUrl = z
  .string()
  .max(2048, 'The URL is too long (2,048 characters at most).')
  .superRefine((url, ctx) => {
    const problem = baseUrlProblem(url);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Header names are HTTP tokens; values have no line breaks (no header injection). */
export const ExtraHeaders = z
  .record(
    z.string(),
    z
      .string()
      .max(4096, 'Header values are 4,096 characters at most.')
      .refine(
        (value) => !hasControlCharacter(value.replace(/\t/g, ' ')),
        'Header values cannot contain line breaks or control characters.',
      ),
  )
  .superRefine((headers, ctx) => {
    const names = Object.keys(headers);
    if (names.length > 50) ctx.addIssue({ code: 'custom', message: 'At most 50 extra headers.' });
    const bad = names.find((name) => !/^[A-Za-z0-9-]{1,100}$/.test(name));
    if (bad !== undefined)
      ctx.addIssue({
        code: 'custom',
        message: `Header names may use letters, digits and dashes (not ${JSON.stringify(bad.slice(0, 40))}).`,
      });
  });

/** Adapter options (region, API version, …): small JSON, not a place for a file's worth of data. */
export const ProfileOptions = z
  .record(z.string().max(100), z.unknown())
  .refine((options) => JSON.stringify(options).length <= 65_536, 'The options are too large (64 KB at most).');

export const ModelName = z.string().max(300, 'A model name is 300 characters at most.');

export const ProfileFields = z.object({
  name: z.string().trim().min(1, 'Give the profile a name.').max(80),
  providerKey: z.string().min(1, 'Pick a provider.').max(2100, 'The provider key is too long.'),
  baseUrl: BaseUrl.optional(),
  defaultModel: ModelName.optional(),
  extraHeaders: ExtraHeaders.optional(),
  options: ProfileOptions.optional(),
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
    input: z
      .object({ id: z.string().min(1), patch: ProfileFields.partial().extend({ recentModel: z.string().optional() }).strict() })
      .strict(),
    result: ProfileView,
  }),
  'profiles.duplicate': method({
    summary: 'Copies a profile (without its keys).',
    input: z.object({ id: z.string().min(1) }).strict(),
    result: ProfileView,
  }),
  'profiles.delete': method({
    summary: 'Deletes a profile and its keychain entries.',
    input: z.object({ id: z.string().min(1) }).strict(),
    result: Ok,
  }),
  'profiles.setKey': method({
    summary: 'Saves a key in the keychain; only its hint comes back.',
    input: z.object({ profileId: z.string().min(1), slot: Slot.default(0), key: z.string().min(1, 'Paste a key.') }).strict(),
    result: z.object({ hasKey: z.literal(true), hint: z.string() }),
  }),
  'profiles.confirmEndpoint': method({
    summary: 'Lets the keys of a profile go to its new provider, endpoint or proxy (they are on hold until then).',
    input: z.object({ id: z.string().min(1) }).strict(),
    result: ProfileView,
  }),
  'profiles.deleteKey': method({
    summary: 'Removes one key slot from the keychain.',
    input: z.object({ profileId: z.string().min(1), slot: Slot }).strict(),
    result: Ok,
  }),
  'profiles.detectFromEnv': method({
    summary: 'Provider keys found in environment variables, to import into the keychain.',
    input: z.object({}).strict(),
    result: z.object({
      found: z.array(z.object({ providerKey: z.string(), displayName: z.string(), envVar: z.string(), hint: z.string() })),
    }),
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
