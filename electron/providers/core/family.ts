// A provider family: one wire format (OpenAI chat completions, Anthropic Messages, Gemini, Bedrock
// Converse…), the catalog's adapter kinds it serves, and everything the rest of the app needs to
// know about it: how to build one, its options, how its credential is given. Each family folder
// exports one of these from its index.ts, and families.ts lists them; the factory, the catalog
// listing and the profile view read nothing else, so adding a wire format is one folder and one line.
import type { z } from 'zod';
import type { SignInKind } from '../../../shared/api/profiles';
import type { CatalogEntry } from '../catalog-data';
import type { Provider } from '../traits';
import type { OptionsSchema } from './options';
import type { SignIns, TokenSource } from './sign-in';

/** Where a provider's key came from (seed-core.md §1.3). */
export type CredentialSource =
  | { kind: 'explicit' }
  | { kind: 'env'; name: string }
  | { kind: 'sign-in'; label: string }
  | { kind: 'default' }
  | { kind: 'none' };

export interface ResolvedCredential {
  value?: string;
  source: CredentialSource;
}

/** The settings a provider is made from: the profile's, and what the host adds. */
export interface ProviderSettings {
  /** The key typed into a profile (from the keychain). */
  credential?: string;
  /** Overrides the catalog's base URL. */
  baseUrl?: string;
  /** The profile's adapter options; each family reads its own through its schema. */
  options?: Record<string, unknown>;
  /** Extra HTTP headers from the profile. */
  headers?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  /** A name for messages and traces: the profile's, for custom endpoints (else "Custom provider"). */
  displayName?: string;
  /** The sign-ins the host can open (auth/): a family that names one asks here. */
  signIns?: SignIns;
}

/** What a family's constructor gets from the factory. */
export interface FamilyBuild<Options> {
  entry: CatalogEntry;
  /** The provider name as given (an alias may pick a region). */
  name: string;
  /** The base URL the name implies (a region's, or the URL inside a custom: key). */
  catalogUrl: string;
  settings: ProviderSettings & { env: NodeJS.ProcessEnv };
  /** The profile's options, read through the family's schema. */
  options: Options;
  credential: ResolvedCredential;
  /**
   * Opens the sign-in the family (or the catalog row) names, from the host's `signIns`; undefined
   * when there is none or the host has not got it (a bare CLI call, a test).
   */
  signIn(): TokenSource | undefined;
}

export interface KeyField {
  /** When not "API key". */
  label?: string;
  /** Whether one of the catalog row's env vars holds the key (Bedrock's AWS_* hold AWS credentials). */
  readsEnvVar?(name: string): boolean;
  /**
   * false: a stray SWITCHYARD_API_KEY / API_KEY must not stand in for the key, because it would be
   * sent as the wrong kind of secret (Bedrock's key is not an AWS credential).
   */
  genericEnvKey?: false;
}

/** A credential that is not a key, which requests fall back to when no key is set. */
export interface OtherCredential {
  /** How the profile form names it after the key's env vars, if it does. */
  description?: string;
  /** Its label when it is set up on this machine ("AWS credentials (~/.aws/credentials)"), else undefined. */
  detect(env: NodeJS.ProcessEnv, options: Record<string, unknown>): string | undefined;
}

/** A sign-in the app runs for a profile in place of a key (GitHub's device flow, ChatGPT's browser sign-in). */
export interface SignInFlow {
  /** How the user signs in; the renderer picks its sign-in view by this alone. */
  kind: SignInKind;
  /** Whose account the user signs in with ("GitHub"). */
  service: string;
  /** What the sign-in is for ("GitHub Copilot"). */
  product: string;
  /** The profile option the sign-in writes the account name to, shown as "Signed in as …". */
  accountOption: string;
}

export interface ProviderFamily<S extends OptionsSchema = OptionsSchema> {
  /** The catalog adapter kinds this family builds ('openai', 'compatible', 'openrouter'…). */
  kinds: readonly string[];
  /** The adapter options a profile may set, with their labels for the form. */
  options: S;
  create(build: FamilyBuild<z.infer<S>>): Provider;
  /** The profile form's key field; false when the family takes no key (it signs in, or a CLI uses its own). */
  keyField: false | KeyField;
  /** What the form says about the credential; text in `backticks` is code. */
  note?(entry: CatalogEntry): string;
  /** Credentials other than a key that requests fall back to (the Gemini CLI's sign-in, AWS credentials). */
  otherCredentials?: readonly OtherCredential[];
  /** The id of the sign-in the host hands this family (core/sign-in.ts), if it takes one. */
  signIn?: string;
  /** The sign-in the user runs in the app for a profile of this family, if it has one. */
  signInFlow?: SignInFlow;
}

/** Checks a family's shape where it is written, and keeps its options' type for `create`. */
export function defineFamily<S extends OptionsSchema>(family: ProviderFamily<S>): ProviderFamily<S> {
  return family;
}
