// Qwen Code's sign-in as a token source (seed-core.md §1.4.2): the access token from
// QWEN_OAUTH_TOKEN, else from the file the Qwen Code CLI writes (~/.qwen/oauth_creds.json: access_token,
// refresh_token, resource_url, expiry_date), refreshed at chat.qwen.ai when it expires within 30 s.
// Requests go to the file's (or QWEN_OAUTH_RESOURCE_URL's) resource_url, normalised to https://…/v1.
//
// Where this differs from the seed, on purpose:
// - the refreshed token is written back to the file, atomically (temp file + rename, mode 0600),
//   keeping its other fields: Qwen rotates refresh tokens, so a refresh kept in memory (the seed)
//   left the file with a spent refresh token and signed the Qwen Code CLI out;
// - the refresh happens when a request needs it, not while building the provider, and concurrent
//   requests share one refresh (per file);
// - a broken or useless file is an error naming the file and what to run, not a silent fallback.
import { readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { ProviderError, sanitizeApiError } from '../../http/errors';
import { displayCredsPath } from '../../providers/core/home-path';
import type { Grant, TokenSource } from '../../providers/core/sign-in';
import { qwenCredsPath, qwenOAuthConfigured } from '../../providers/sign-ins';
import {
  expiryFrom,
  jsonObject,
  nonBlank,
  postRefreshForm,
  refreshFailure,
  sharedRefresh,
  untilCancelled,
  type TokenReply,
} from '../oauth-refresh';
import { registerSecret } from '../../secrets/redact';

export const QWEN_OAUTH_CLIENT_ID = 'f0304373b74a44d2b584a3fb70ca9e56';
const TOKEN_HOST = 'https://chat.qwen.ai';
const TOKEN_PATH = '/api/v1/oauth2/token';
const PROVIDER = 'Qwen Code';
const ENDPOINT_NAME = 'Qwen sign-in';
/** The seed's margin: a token expiring within 30 s counts as expired. */
const SKEW_MS = 30_000;
const DEFAULT_LIFETIME_S = 3600;
const SIGN_IN_AGAIN = 'Run `qwen` once in a terminal and sign in again (it rewrites the file), or give the profile a DashScope API key.';

/** "coding-intl.dashscope.aliyuncs.com" → "https://coding-intl.dashscope.aliyuncs.com/v1" (seed §1.4.2). */
export function normalizeResourceUrl(raw: unknown): string | undefined {
  const text = nonBlank(raw)?.replace(/\/+$/, '');
  if (!text) return undefined;
  const withScheme = /^https?:\/\//i.test(text) ? text : `https://${text}`;
  return withScheme.endsWith('/v1') ? withScheme : `${withScheme}/v1`;
}

/** The token endpoint; SWITCHYARD_QWEN_OAUTH_URL replaces the host (tests point it at a fake). */
export function qwenTokenUrl(env: NodeJS.ProcessEnv): string {
  return `${env.SWITCHYARD_QWEN_OAUTH_URL?.trim().replace(/\/+$/, '') || TOKEN_HOST}${TOKEN_PATH}`;
}

interface CredsFile {
  raw: Record<string, unknown>;
  accessToken?: string;
  refreshToken?: string;
  resourceUrl?: string;
  /** ms since the epoch; undefined when the file does not say (then it never expires, as in the seed). */
  expiresAt?: number;
}

/** expiry_date in ms; a value below 10^10 is seconds (seed §1.4.2). */
function expiryOf(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return value < 10_000_000_000 ? value * 1000 : value;
}

export class QwenOAuth implements TokenSource {
  readonly label: string;
  private readonly file: string | undefined;

  constructor(private readonly options: { env: NodeJS.ProcessEnv; now?: () => number }) {
    this.file = qwenCredsPath(options.env);
    this.label = qwenOAuthConfigured(options.env) ?? 'Qwen Code sign-in';
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private get env(): NodeJS.ProcessEnv {
    return this.options.env;
  }

  async grant(signal?: AbortSignal): Promise<Grant> {
    return this.obtain(undefined, signal);
  }

  async afterRejection(rejected: string, signal?: AbortSignal): Promise<Grant> {
    return this.obtain(rejected, signal);
  }

  private async obtain(rejected: string | undefined, signal?: AbortSignal): Promise<Grant> {
    const creds = await this.read();
    const baseUrl = normalizeResourceUrl(this.env.QWEN_OAUTH_RESOURCE_URL) ?? creds?.resourceUrl;
    const fromEnv = this.env.QWEN_OAUTH_TOKEN?.trim();
    if (fromEnv) {
      registerSecret(fromEnv);
      return { token: fromEnv, ...(baseUrl && { baseUrl }) };
    }
    const fresh =
      creds?.accessToken && creds.accessToken !== rejected && (creds.expiresAt === undefined || creds.expiresAt > this.now() + SKEW_MS);
    if (fresh) return { token: creds.accessToken!, ...(baseUrl && { baseUrl }) };
    const refreshToken = this.env.QWEN_OAUTH_REFRESH_TOKEN?.trim() || creds?.refreshToken;
    if (!refreshToken) {
      const where = this.file ? displayCredsPath(this.file, this.env) : 'the Qwen Code credentials file';
      throw new ProviderError(
        `The Qwen Code sign-in in ${where} has ${creds?.accessToken ? 'expired' : 'no access token'} and no refresh_token. ${SIGN_IN_AGAIN}`,
        { provider: PROVIDER, errorClass: 'auth' },
      );
    }
    const refreshed = await untilCancelled(
      sharedRefresh(`qwen\n${this.file ?? refreshToken}`, () => this.refresh(refreshToken)),
      PROVIDER,
      signal,
    );
    // The env's resource URL wins, then the one the refresh answered with, then the file's.
    const resource = normalizeResourceUrl(this.env.QWEN_OAUTH_RESOURCE_URL) ?? refreshed.baseUrl ?? baseUrl;
    return { token: refreshed.token, ...(resource && { baseUrl: resource }) };
  }

  private async refresh(refreshToken: string): Promise<Grant> {
    const clientId = this.env.QWEN_OAUTH_CLIENT_ID?.trim() || QWEN_OAUTH_CLIENT_ID;
    let reply: TokenReply;
    try {
      reply = await postRefreshForm(
        ENDPOINT_NAME,
        qwenTokenUrl(this.env),
        { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId },
        this.env,
      );
    } catch (error) {
      throw refreshFailure(error, { provider: PROVIDER, what: 'Qwen OAuth', endpointName: ENDPOINT_NAME, fix: SIGN_IN_AGAIN });
    }
    const replyError = nonBlank(reply.error_description) ?? nonBlank(reply.error);
    if (replyError)
      throw new ProviderError(`Qwen OAuth refresh failed: ${sanitizeApiError(replyError)}. ${SIGN_IN_AGAIN}`, {
        provider: PROVIDER,
        errorClass: 'auth',
      });
    const accessToken = nonBlank(reply.access_token);
    if (!accessToken)
      throw new ProviderError(`Qwen OAuth refresh response missing access_token. ${SIGN_IN_AGAIN}`, {
        provider: PROVIDER,
        errorClass: 'auth',
      });
    await this.writeBack(reply, accessToken);
    const resourceUrl = normalizeResourceUrl(reply.resource_url);
    return { token: accessToken, ...(resourceUrl && { baseUrl: resourceUrl }) };
  }

  /**
   * Merges the new tokens into the file as it is now (the CLI may have rewritten it meanwhile),
   * atomically. A failed write leaves the old file whole; the token still serves this request.
   */
  private async writeBack(reply: TokenReply, accessToken: string): Promise<void> {
    if (!this.file) return;
    let raw: Record<string, unknown> = {};
    try {
      raw = (await this.read())?.raw ?? {};
    } catch {
      // Broken since we read it: write what we know.
    }
    const next: Record<string, unknown> = {
      ...raw,
      access_token: accessToken,
      expiry_date: expiryFrom(reply.expires_in, this.now(), DEFAULT_LIFETIME_S),
    };
    for (const field of ['refresh_token', 'token_type', 'resource_url'] as const) {
      const value = nonBlank(reply[field]);
      if (value) next[field] = value;
    }
    try {
      await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    } catch {
      // Read-only home or a full disk: the next request refreshes again, nothing is lost.
    }
  }

  /** The cached credentials, or undefined when there is no file (env-only setups). */
  private async read(): Promise<CredsFile | undefined> {
    if (!this.file) return undefined;
    let content: string;
    try {
      content = await readFile(this.file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw new ProviderError(
        `The Qwen Code sign-in file ${displayCredsPath(this.file, this.env)} could not be read (${code ?? 'error'}). Fix its permissions and try again.`,
        { provider: PROVIDER, errorClass: 'auth', cause: error },
      );
    }
    const record = jsonObject(content);
    if (!record)
      throw new ProviderError(
        `The Qwen Code sign-in file ${displayCredsPath(this.file, this.env)} is not a JSON object. ${SIGN_IN_AGAIN}`,
        { provider: PROVIDER, errorClass: 'auth' },
      );
    const creds: CredsFile = {
      raw: record,
      accessToken: nonBlank(record.access_token),
      refreshToken: nonBlank(record.refresh_token),
      resourceUrl: normalizeResourceUrl(record.resource_url),
      expiresAt: expiryOf(record.expiry_date),
    };
    registerSecret(creds.accessToken);
    registerSecret(creds.refreshToken);
    return creds;
  }
}
