// The Gemini CLI's Google sign-in as a token source of the Gemini provider (seed-auth-cli.md §3.4,
// seed-wire.md §4.5): read the CLI's credentials file, refresh its access token at Google's token
// endpoint (form-encoded grant_type=refresh_token) and write the result back. The token is used on
// the Code Assist API (cloudcode-pa.googleapis.com/v1internal), see providers/gemini/gemini.ts.
//
// The file: `~/.gemini/oauth_creds.json` (what the Gemini CLI writes after "Login with Google"),
// holding access_token, refresh_token, expiry_date (ms), token_type, scope and maybe id_token. The
// seed has no override for its path (it reads HOME, then sibling ~/.gemini-*-home/ copies for
// rotation, not done here); where ours is looked for: providers/gemini/cli-sign-in.ts.
//
// Client id/secret: the options, then GEMINI_OAUTH_CLIENT_ID / GEMINI_OAUTH_CLIENT_SECRET, then
// client_id / client_secret in the file, then (id only) the id_token's aud, else azp claim, as the
// seed does. Unlike the seed (§3.1: "no built-in defaults"), a file the Gemini CLI wrote (no client
// in it, or its own client as the audience) is refreshed with the CLI's published installed-app
// client: the stock file has no secret, and Google refuses a refresh without one. Installed-app
// client secrets are public by design (RFC 8252 §8.5).
//
// Where this differs from the seed, on purpose:
// - the refreshed token is written back to the file (the seed kept it in memory only, so it
//   refreshed again in every process): atomically (a temp file in the same folder, then rename),
//   mode 0600, keeping every other field of the file;
// - an unknown expiry refreshed on every call in the seed (seed-wire.md §4.5 QUIRK); here the first
//   refresh records the expiry (in memory and in the file), so the next call uses the token;
// - concurrent requests share one refresh; a caller's cancel stops its wait, not the refresh;
// - a refused refresh (invalid_grant) says to run `gemini` once to sign in again, and no message
//   ever carries the access or refresh token.
import { readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { readJson, sendRequest } from '../../http/client';
import { ProviderError, sanitizeApiError } from '../../http/errors';
import { displayCredsPath } from '../../providers/core/home-path';
import type { Grant, TokenSource } from '../../providers/core/sign-in';
import { geminiAuthOptions, geminiCliLabel } from '../../providers/gemini/cli-sign-in';
import { registerSecret } from '../../secrets/redact';
import { untilCancelled } from '../oauth-refresh';

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** The Gemini CLI's own OAuth client (google-gemini/gemini-cli, packages/core/src/code_assist/oauth2.ts). */
export const GEMINI_CLI_OAUTH_CLIENT = {
  id: '681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com',
  secret: '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',
};
/** Refresh when the token expires within this (the seed's value for Gemini CLI credentials). */
export const GEMINI_OAUTH_REFRESH_SKEW_MS = 60_000;
/** The seed's timeout for the refresh request. */
export const GEMINI_OAUTH_REFRESH_TIMEOUT_MS = 15_000;
/** When the token endpoint leaves out expires_in: Google's usual hour. */
const DEFAULT_LIFETIME_S = 3600;
const PROVIDER = 'Google Gemini';
const TOKEN_ENDPOINT_NAME = 'Google sign-in';

export interface GeminiCliCredentialsOptions {
  /** Absolute path of the credentials file. */
  path: string;
  /** Overrides https://oauth2.googleapis.com/token (tests). */
  tokenUrl?: string;
  clientId?: string;
  clientSecret?: string;
  env?: NodeJS.ProcessEnv;
  /** ms since the epoch; injected by tests. */
  now?: () => number;
}

interface CredsFile {
  raw: Record<string, unknown>;
  accessToken?: string;
  refreshToken?: string;
  /** ms since the epoch; undefined when the file does not say. */
  expiresAt?: number;
  idToken?: string;
  clientId?: string;
  clientSecret?: string;
}

interface TokenResponse {
  access_token?: string;
  expires_in?: number;
  token_type?: string;
  scope?: string;
  id_token?: string;
  refresh_token?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function expiryOf(raw: Record<string, unknown>): number | undefined {
  // expiry_date / expiryDate (ms) win over expiry (RFC 3339), as in the seed.
  for (const value of [raw.expiry_date, raw.expiryDate]) {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  }
  const expiry = text(raw.expiry);
  const parsed = expiry ? Date.parse(expiry) : Number.NaN;
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** The client id an id_token was issued to: `aud` (a string, or the first of a list), else `azp`. */
export function clientIdFromIdToken(idToken: string | undefined): string | undefined {
  const parts = idToken?.split('.');
  if (parts?.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { aud?: unknown; azp?: unknown };
    const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
    return text(aud) ?? text(claims.azp);
  } catch {
    return undefined;
  }
}

/** The sign-in error shape: auth class, no status (so the UI shows our next step, not "key rejected"). */
function authError(message: string, cause?: unknown): ProviderError {
  return new ProviderError(message, { provider: PROVIDER, errorClass: 'auth', ...(cause !== undefined && { cause }) });
}

/**
 * The Gemini CLI's sign-in: a valid access token on demand, refreshed when it expires within 60 s
 * or after the API rejected it. One instance per provider; the file is read on every request, so a
 * refresh done by the Gemini CLI itself is picked up.
 */
export class GeminiCliCredentials implements TokenSource {
  readonly path: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly now: () => number;
  private readonly tokenUrl: string;
  /** The last token we got from a refresh: used when the write-back failed or has not landed yet. */
  private latest: { accessToken: string; expiresAt: number } | null = null;
  private inflight: Promise<string> | null = null;
  /** Why the last write-back failed, if it did (the token still works from memory). */
  lastWriteError: string | undefined;

  constructor(private readonly options: GeminiCliCredentialsOptions) {
    this.path = options.path;
    this.env = options.env ?? process.env;
    this.now = options.now ?? Date.now;
    this.tokenUrl = options.tokenUrl ?? GOOGLE_TOKEN_URL;
  }

  /** For the UI: "Gemini CLI sign-in (~/.gemini/oauth_creds.json)". */
  get label(): string {
    return geminiCliLabel(this.path, this.env);
  }

  get displayPath(): string {
    return displayCredsPath(this.path, this.env);
  }

  /** A token valid for at least the skew, refreshing first when needed. */
  async grant(signal?: AbortSignal): Promise<Grant> {
    return { token: await this.accessToken(signal) };
  }

  /**
   * After the API answered 401 to `rejected`: a newer token if another request already got one,
   * else a refresh (shared with any other request doing the same).
   */
  async afterRejection(rejected: string, signal?: AbortSignal): Promise<Grant> {
    return { token: await this.replacement(rejected, signal) };
  }

  private async accessToken(signal?: AbortSignal): Promise<string> {
    if (this.inflight) return untilCancelled(this.inflight, PROVIDER, signal);
    const file = await this.read();
    const best = this.best(file);
    if (best.accessToken && best.expiresAt !== undefined && best.expiresAt - this.now() > GEMINI_OAUTH_REFRESH_SKEW_MS)
      return best.accessToken;
    // Nothing to refresh with and no expiry to go by: try the token (a 401 then says to sign in).
    if (best.accessToken && best.expiresAt === undefined && !file.refreshToken) return best.accessToken;
    return untilCancelled(this.refresh(file), PROVIDER, signal);
  }

  private async replacement(rejected: string, signal?: AbortSignal): Promise<string> {
    if (this.inflight) return untilCancelled(this.inflight, PROVIDER, signal);
    const file = await this.read();
    const best = this.best(file);
    if (
      best.accessToken &&
      best.accessToken !== rejected &&
      best.expiresAt !== undefined &&
      best.expiresAt - this.now() > GEMINI_OAUTH_REFRESH_SKEW_MS
    )
      return best.accessToken;
    return untilCancelled(this.refresh(file), PROVIDER, signal);
  }

  private best(file: CredsFile): { accessToken?: string; expiresAt?: number } {
    const latest = this.latest;
    if (latest && (file.expiresAt === undefined || latest.expiresAt > file.expiresAt)) return latest;
    return { accessToken: file.accessToken, expiresAt: file.expiresAt };
  }

  private refresh(file: CredsFile): Promise<string> {
    // Checked again here: another request may have started one while this one read the file.
    this.inflight ??= this.doRefresh(file).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async doRefresh(file: CredsFile): Promise<string> {
    if (!file.refreshToken) {
      throw authError(
        `The Gemini CLI sign-in in ${this.displayPath} has expired and has no refresh_token. Run \`gemini\` once in a terminal to sign in again.`,
      );
    }
    const configured = text(this.options.clientId) ?? text(this.env.GEMINI_OAUTH_CLIENT_ID) ?? file.clientId;
    const audience = configured ? undefined : clientIdFromIdToken(file.idToken);
    const useCliClient = !configured && (!audience || audience === GEMINI_CLI_OAUTH_CLIENT.id);
    const clientId = useCliClient ? GEMINI_CLI_OAUTH_CLIENT.id : (configured ?? audience);
    const clientSecret = useCliClient
      ? GEMINI_CLI_OAUTH_CLIENT.secret
      : (text(this.options.clientSecret) ?? text(this.env.GEMINI_OAUTH_CLIENT_SECRET) ?? file.clientSecret);
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: file.refreshToken });
    if (clientId) form.set('client_id', clientId);
    if (clientSecret) form.set('client_secret', clientSecret);
    let body: TokenResponse;
    try {
      const response = await sendRequest(
        {
          provider: TOKEN_ENDPOINT_NAME,
          url: this.tokenUrl,
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
          headersTimeoutMs: GEMINI_OAUTH_REFRESH_TIMEOUT_MS,
        },
        this.env,
      );
      body = await readJson<TokenResponse>(TOKEN_ENDPOINT_NAME, response);
    } catch (error) {
      throw this.refreshFailure(error, file);
    }
    const accessToken = text(body.access_token);
    if (!accessToken)
      throw authError(
        `Google's token endpoint answered without an access token while refreshing the Gemini CLI sign-in. Run \`gemini\` once in a terminal to sign in again.`,
      );
    registerSecret(accessToken);
    if (body.refresh_token) registerSecret(body.refresh_token);
    const expiresAt =
      this.now() + (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_LIFETIME_S) * 1000;
    this.latest = { accessToken, expiresAt };
    await this.writeBack(body, accessToken, expiresAt);
    return accessToken;
  }

  private refreshFailure(error: unknown, file: CredsFile): ProviderError {
    const scrub = (message: string) => {
      let out = message;
      for (const secret of [file.refreshToken, file.accessToken]) if (secret) out = out.split(secret).join('[REDACTED]');
      return out;
    };
    if (!(error instanceof ProviderError))
      return authError(
        `Could not refresh the Gemini CLI sign-in: ${scrub(sanitizeApiError(String((error as Error)?.message ?? error)))}`,
        error,
      );
    if (error.status === undefined || error.status >= 500 || error.status === 429) {
      // The network or Google's side: not the sign-in's fault, keep the class (retry, fall back).
      return new ProviderError(`Could not refresh the Gemini CLI sign-in: ${scrub(error.message)}`, {
        provider: PROVIDER,
        errorClass: error.errorClass,
        ...(error.status !== undefined && { status: error.status }),
        ...(error.retryAfterMs !== undefined && { retryAfterMs: error.retryAfterMs }),
      });
    }
    // The OAuth error code, as http/client.ts puts it at the end of a readable message ("… (invalid_grant)").
    const code = /\(([a-z_]+)\)\s*$/.exec(error.message)?.[1] ?? /"error"\s*:\s*"([a-z_]+)"/.exec(error.message)?.[1];
    if (code === 'invalid_grant') {
      return authError(
        `The Gemini CLI sign-in in ${this.displayPath} has expired or was revoked (Google answered invalid_grant). Run \`gemini\` once in a terminal to sign in again, or use an API key.`,
      );
    }
    if (
      code === 'invalid_client' ||
      code === 'unauthorized_client' ||
      (code === 'invalid_request' && /client_secret|client_id/.test(error.message))
    ) {
      return authError(
        `Google refused the OAuth client while refreshing the Gemini CLI sign-in (${code}). Set GEMINI_OAUTH_CLIENT_ID and GEMINI_OAUTH_CLIENT_SECRET to the Gemini CLI's client, or run \`gemini\` once so it refreshes the sign-in itself.`,
      );
    }
    return authError(
      `Could not refresh the Gemini CLI sign-in (${scrub(error.message)}). Run \`gemini\` once in a terminal to sign in again.`,
    );
  }

  /** Merges the new token into the file as it is now, keeping every other field. */
  private async writeBack(body: TokenResponse, accessToken: string, expiresAt: number): Promise<void> {
    try {
      let raw: Record<string, unknown> = {};
      try {
        raw = (await this.read()).raw;
      } catch {
        // Gone or broken since we read it: write what we know.
      }
      const next: Record<string, unknown> = { ...raw, access_token: accessToken, expiry_date: expiresAt };
      if ('expiryDate' in raw) next.expiryDate = expiresAt;
      if ('expiry' in raw) next.expiry = new Date(expiresAt).toISOString();
      if (body.token_type) next.token_type = body.token_type;
      if (body.scope) next.scope = body.scope;
      if (body.id_token) next.id_token = body.id_token;
      if (body.refresh_token) next.refresh_token = body.refresh_token;
      await writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
      this.lastWriteError = undefined;
    } catch (error) {
      // The token works from memory for this process; the next one refreshes again.
      this.lastWriteError = (error as Error).message;
    }
  }

  private async read(): Promise<CredsFile> {
    let content: string;
    try {
      content = await readFile(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR')
        throw authError(`Gemini credentials not found. Use one of:\n${geminiAuthOptions(this.displayPath)}`);
      throw authError(
        `The Gemini CLI sign-in file ${this.displayPath} could not be read (${code ?? 'error'}). Fix its permissions, or use one of:\n${geminiAuthOptions(this.displayPath)}`,
        error,
      );
    }
    let raw: unknown;
    try {
      raw = JSON.parse(content);
    } catch {
      raw = undefined;
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      throw authError(
        `The Gemini CLI sign-in file ${this.displayPath} is not a valid credentials file (not a JSON object). Run \`gemini\` once to sign in again, or use one of:\n${geminiAuthOptions(this.displayPath)}`,
      );
    }
    const record = raw as Record<string, unknown>;
    const file: CredsFile = {
      raw: record,
      accessToken: text(record.access_token),
      refreshToken: text(record.refresh_token),
      expiresAt: expiryOf(record),
      idToken: text(record.id_token) ?? text(record.idToken),
      clientId: text(record.client_id) ?? text(record.clientId),
      clientSecret: text(record.client_secret) ?? text(record.clientSecret),
    };
    if (!file.accessToken && !file.refreshToken) {
      throw authError(
        `The Gemini CLI sign-in file ${this.displayPath} has neither an access_token nor a refresh_token. Run \`gemini\` once to sign in again, or use one of:\n${geminiAuthOptions(this.displayPath)}`,
      );
    }
    registerSecret(file.accessToken);
    registerSecret(file.refreshToken);
    return file;
  }
}
