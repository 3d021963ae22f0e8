// Where Amazon Bedrock's credentials and region come from.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { registerSecret } from '../../secrets/redact';
import { ProviderError } from '../../http/errors';

// ---- Credentials and region -----------------------------------------------------------------
// Where Bedrock's credentials and region come from (seed-wire.md §8.1), resolved on every request so
// that a changed env or credentials file is picked up without a restart:
//   1. a Bedrock API key (Bearer): the profile's key, else BEDROCK_API_KEY, else AWS_BEARER_TOKEN_BEDROCK
//      (the name the AWS SDKs read). It wins over AWS keys, as in the seed;
//   2. SigV4 with a named profile (the option, else AWS_PROFILE) from the shared credentials file
//      when that file has it. Like the AWS SDK v3, a chosen profile beats static env keys;
//   3. SigV4 with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN);
//   4. SigV4 with the [default] profile of the shared credentials file (or [default] in ~/.aws/config).
// No IMDS, SSO, role assumption or credential_process. With nothing found the error names every
// env var and the exact file looked at; the seed fell through to an IMDS connection error instead
// (seed-wire.md §8.1 QUIRK).

export const DEFAULT_REGION = 'us-east-1';
export const BEARER_ENV_VARS = ['BEDROCK_API_KEY', 'AWS_BEARER_TOKEN_BEDROCK'] as const;

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type BedrockAuth =
  | { kind: 'bearer'; token: string; source: string }
  | { kind: 'sigv4'; credentials: AwsCredentials; source: string };

export interface CredentialSettings {
  /** The Bedrock API key typed into the profile. */
  credential?: string;
  env: NodeJS.ProcessEnv;
  credentialsFile?: string;
  configFile?: string;
  profile?: string;
  region?: string;
}

export type IniSections = Map<string, Map<string, string>>;

/**
 * The AWS INI dialect, enough for credentials and config: `[section]`, `key = value`, full-line `#`
 * and `;` comments. Indented lines (nested settings such as `s3 =` blocks) are skipped. Keys are
 * lower-cased; values are kept as written (secret keys contain `/` and `+`).
 */
export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | null = null;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      const name = header[1]!;
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    if (!current || /^\s/.test(rawLine)) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return sections;
}

function homeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME?.trim() || env.USERPROFILE?.trim() || os.homedir();
}

export function credentialsFilePath(settings: Pick<CredentialSettings, 'credentialsFile' | 'env'>): string {
  return (
    settings.credentialsFile?.trim() ||
    settings.env.AWS_SHARED_CREDENTIALS_FILE?.trim() ||
    path.join(homeDir(settings.env), '.aws', 'credentials')
  );
}

export function configFilePath(settings: Pick<CredentialSettings, 'configFile' | 'env'>): string {
  return settings.configFile?.trim() || settings.env.AWS_CONFIG_FILE?.trim() || path.join(homeDir(settings.env), '.aws', 'config');
}

async function readIni(file: string): Promise<IniSections> {
  try {
    return parseIni(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return new Map();
    throw new ProviderError(`Amazon Bedrock: could not read ${file} (${(error as Error).message}).`, {
      provider: 'Amazon Bedrock',
      errorClass: 'auth',
      cause: error,
    });
  }
}

/** `[name]` in the credentials file; `[profile name]` (or `[default]`) in the config file. */
function configSection(config: IniSections, profile: string): Map<string, string> | undefined {
  return config.get(`profile ${profile}`) ?? (profile === 'default' ? config.get('default') : undefined);
}

function chosenProfile(settings: CredentialSettings): string | undefined {
  return settings.profile?.trim() || settings.env.AWS_PROFILE?.trim() || undefined;
}

/** Region: the option, AWS_REGION, AWS_DEFAULT_REGION, the profile's region in the config file, us-east-1. */
export async function resolveRegion(settings: CredentialSettings): Promise<string> {
  const direct = settings.region?.trim() || settings.env.AWS_REGION?.trim() || settings.env.AWS_DEFAULT_REGION?.trim();
  let region = direct;
  if (!region) {
    const config = await readIni(configFilePath(settings));
    region =
      configSection(config, chosenProfile(settings) ?? 'default')
        ?.get('region')
        ?.trim() || DEFAULT_REGION;
  }
  // The region becomes part of a host name: refuse anything that is not a region id.
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(region)) {
    throw new ProviderError(`Amazon Bedrock: "${region}" is not an AWS region id (expected something like us-east-1).`, {
      provider: 'Amazon Bedrock',
      errorClass: 'bad_request',
    });
  }
  return region;
}

const UNSUPPORTED_PROFILE_KEYS = [
  'sso_session',
  'sso_start_url',
  'role_arn',
  'credential_process',
  'web_identity_token_file',
  'source_profile',
];

function profileCredentials(section: Map<string, string> | undefined): AwsCredentials | 'unsupported' | undefined {
  if (!section) return undefined;
  const accessKeyId = section.get('aws_access_key_id')?.trim();
  const secretAccessKey = section.get('aws_secret_access_key')?.trim();
  if (accessKeyId && secretAccessKey) {
    const sessionToken = section.get('aws_session_token')?.trim() || section.get('aws_security_token')?.trim();
    return { accessKeyId, secretAccessKey, ...(sessionToken && { sessionToken }) };
  }
  if (UNSUPPORTED_PROFILE_KEYS.some((key) => section.has(key))) return 'unsupported';
  return undefined;
}

function authError(message: string): ProviderError {
  return new ProviderError(message, { provider: 'Amazon Bedrock', errorClass: 'auth' });
}

function remember(credentials: AwsCredentials): AwsCredentials {
  registerSecret(credentials.secretAccessKey);
  registerSecret(credentials.sessionToken);
  return credentials;
}

/** The auth to use for one request, or an auth-class ProviderError that says exactly what to set. */
export async function resolveAuth(settings: CredentialSettings): Promise<BedrockAuth> {
  const { env } = settings;
  const typed = settings.credential?.trim();
  if (typed) {
    registerSecret(typed);
    return { kind: 'bearer', token: typed, source: 'profile' };
  }
  for (const name of BEARER_ENV_VARS) {
    const value = env[name]?.trim();
    if (value) {
      registerSecret(value);
      return { kind: 'bearer', token: value, source: `${name} env var` };
    }
  }

  const credentialsFile = credentialsFilePath(settings);
  const configFile = configFilePath(settings);
  const profile = chosenProfile(settings);
  const fromFiles = async (name: string): Promise<{ credentials: AwsCredentials; file: string } | 'unsupported' | undefined> => {
    const credentials = await readIni(credentialsFile);
    const found = profileCredentials(credentials.get(name) ?? credentials.get(`profile ${name}`));
    if (found && found !== 'unsupported') return { credentials: found, file: credentialsFile };
    const config = profileCredentials(configSection(await readIni(configFile), name));
    if (config && config !== 'unsupported') return { credentials: config, file: configFile };
    return config ?? found;
  };
  const unsupported = (name: string) =>
    authError(
      `Amazon Bedrock: the AWS profile "${name}" uses SSO, role assumption or credential_process, which Switchyard does not run. Export static credentials (aws configure export-credentials --profile ${name} --format env) into AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, or use a Bedrock API key.`,
    );

  if (profile) {
    const found = await fromFiles(profile);
    if (found === 'unsupported') throw unsupported(profile);
    if (found) return { kind: 'sigv4', credentials: remember(found.credentials), source: `profile ${profile} in ${found.file}` };
  }

  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
  if (accessKeyId && secretAccessKey) {
    const sessionToken = env.AWS_SESSION_TOKEN?.trim();
    return {
      kind: 'sigv4',
      credentials: remember({ accessKeyId, secretAccessKey, ...(sessionToken && { sessionToken }) }),
      source: 'AWS_ACCESS_KEY_ID env var',
    };
  }
  if (accessKeyId || secretAccessKey) {
    throw authError(
      `Amazon Bedrock: ${accessKeyId ? 'AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not' : 'AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not'}; set both (and AWS_SESSION_TOKEN for temporary credentials).`,
    );
  }
  if (profile) {
    throw authError(
      `Amazon Bedrock: the AWS profile "${profile}" (from ${settings.profile?.trim() ? "this profile's settings" : 'AWS_PROFILE'}) has no aws_access_key_id and aws_secret_access_key in ${credentialsFile} or ${configFile}. Add them there, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use a Bedrock API key (BEDROCK_API_KEY).`,
    );
  }

  const fallback = await fromFiles('default');
  if (fallback === 'unsupported') throw unsupported('default');
  if (fallback) return { kind: 'sigv4', credentials: remember(fallback.credentials), source: `profile default in ${fallback.file}` };

  throw authError(
    `Amazon Bedrock credentials not set. Do one of: add a Bedrock API key to this profile or set BEDROCK_API_KEY (or AWS_BEARER_TOKEN_BEDROCK); ` +
      `set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for temporary credentials); ` +
      `or put aws_access_key_id and aws_secret_access_key under [default] (or the profile named by AWS_PROFILE) in ${credentialsFile} (AWS_SHARED_CREDENTIALS_FILE moves it). ` +
      `EC2 instance roles, SSO and role assumption are not used.`,
  );
}

// ---- Wire shapes ----------------------------------------------------------------------------
// Bedrock Converse wire shapes (seed-wire.md §8.3–8.4; docs.aws.amazon.com/bedrock/latest/APIReference/
// API_runtime_Converse.html): our history → `messages` / `system` / `toolConfig` / `inferenceConfig`,
// a Converse response → ChatResponse, and error types → our error classes.
// Fixed seed quirks, each pinned by a test:
//   - an empty assistant text was sent as {"text":""}, which Bedrock rejects; no empty text block is sent;
//   - only the first system message was kept; every non-empty one becomes a system block;
//   - consecutive user turns (a user text right after tool results) were not merged; Bedrock wants
//     alternating roles, so same-role turns are merged;
//   - an unknown image type was sent as "jpeg"; it is now a clear capability error;
//   - stopReason, reasoningContent and cacheReadInputTokens were ignored; they are read.
// cachePoint blocks are not sent (the seed sent them while reporting no prompt caching, and not every
// model accepts them), so promptCaching is false.
