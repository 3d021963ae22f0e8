// OpenAI's sign-in server and the ChatGPT Codex Responses endpoint as one loopback fake:
// /oauth/authorize (redirects back to the redirect_uri with a code, as the browser would end up),
// /oauth/token (authorization_code with a real PKCE check, refresh_token with rotation) issuing
// JWT-shaped tokens that carry the chatgpt_account_id claim, and /backend-api/codex/responses
// streaming SSE, which only accepts access tokens this fake issued and has not revoked.
import { createHash, randomBytes } from 'node:crypto';
import type { CodexTokens, CodexTokenStore } from '../../electron/auth/codex/oauth';
import { startFakeServer, type FakeServer, type Handler, type RecordedRequest, type Reply } from './server';

export const FAKE_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';
export const FAKE_ACCOUNT_ID = 'acct-fake-0123456789';
export const RESPONSES_PATH = '/backend-api/codex/responses';

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** An unsigned JWT-shaped token: header.payload.signature, base64url without padding. */
export function fakeJwt(claims: Record<string, unknown>): string {
  return `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.${b64url(randomBytes(16))}`;
}

export function sse(events: Array<Record<string, unknown>>): string {
  return events.map((event) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

export interface ResponseScript {
  text?: string[];
  /** Reasoning summary parts, each a list of deltas. */
  reasoning?: string[][];
  usage?: Record<string, unknown>;
  /** Put the whole text into response.completed only (no deltas). */
  completedTextOnly?: boolean;
  status?: 'completed' | 'incomplete';
  incompleteReason?: string;
}

export const DEFAULT_USAGE = {
  input_tokens: 21,
  input_tokens_details: { cached_tokens: 5 },
  output_tokens: 13,
  output_tokens_details: { reasoning_tokens: 4 },
  total_tokens: 34,
};

/** The event sequence of a streamed Responses answer, as the Codex backend sends it. */
export function responseEvents(script: ResponseScript = {}): Array<Record<string, unknown>> {
  const text = (script.text ?? ['Hello', ' from', ' Codex']).join('');
  const base = { id: 'resp_fake', object: 'response', model: 'gpt-5-codex' };
  const events: Array<Record<string, unknown>> = [
    { type: 'response.created', response: { ...base, status: 'in_progress' } },
    { type: 'response.in_progress', response: { ...base, status: 'in_progress' } },
  ];
  let outputIndex = 0;
  if (script.reasoning) {
    events.push({ type: 'response.output_item.added', output_index: outputIndex, item: { id: 'rs_1', type: 'reasoning', summary: [] } });
    script.reasoning.forEach((part, summaryIndex) => {
      events.push({
        type: 'response.reasoning_summary_part.added',
        item_id: 'rs_1',
        output_index: outputIndex,
        summary_index: summaryIndex,
        part: { type: 'summary_text', text: '' },
      });
      for (const delta of part)
        events.push({
          type: 'response.reasoning_summary_text.delta',
          item_id: 'rs_1',
          output_index: outputIndex,
          summary_index: summaryIndex,
          delta,
        });
      events.push({
        type: 'response.reasoning_summary_text.done',
        item_id: 'rs_1',
        output_index: outputIndex,
        summary_index: summaryIndex,
        text: part.join(''),
      });
    });
    events.push({
      type: 'response.output_item.done',
      output_index: outputIndex,
      item: { id: 'rs_1', type: 'reasoning', encrypted_content: 'gAAAA-opaque' },
    });
    outputIndex += 1;
  }
  const message = {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
  if (!script.completedTextOnly) {
    events.push({
      type: 'response.output_item.added',
      output_index: outputIndex,
      item: { ...message, status: 'in_progress', content: [] },
    });
    events.push({
      type: 'response.content_part.added',
      item_id: 'msg_1',
      output_index: outputIndex,
      content_index: 0,
      part: { type: 'output_text', text: '' },
    });
    for (const delta of script.text ?? ['Hello', ' from', ' Codex'])
      events.push({ type: 'response.output_text.delta', item_id: 'msg_1', output_index: outputIndex, content_index: 0, delta });
    events.push({ type: 'response.output_text.done', item_id: 'msg_1', output_index: outputIndex, content_index: 0, text });
    events.push({ type: 'response.output_item.done', output_index: outputIndex, item: message });
  }
  const status = script.status ?? 'completed';
  events.push({
    type: status === 'completed' ? 'response.completed' : 'response.incomplete',
    response: {
      ...base,
      status,
      output: [message],
      usage: script.usage ?? DEFAULT_USAGE,
      ...(status === 'incomplete' && { incomplete_details: { reason: script.incompleteReason ?? 'max_output_tokens' } }),
    },
  });
  return events;
}

export function sseReply(events: Array<Record<string, unknown>>, extra: Partial<Reply> = {}): Reply {
  return { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [sse(events)], ...extra };
}

interface AuthorizeGrant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  method: string;
  used: boolean;
}

export interface FakeCodex extends FakeServer {
  /** The issuer to configure (the fake's root URL). */
  issuer: string;
  /** A base URL for the adapter: /responses is appended. */
  codexBase: string;
  accountId: string;
  /** Access tokens the Responses endpoint accepts. */
  validAccessTokens: Set<string>;
  validRefreshTokens: Set<string>;
  /** Lifetime (seconds) of tokens issued from now on; undefined sends no expires_in. */
  expiresIn: number | undefined;
  /** Issues a token set directly (as if signed in earlier). */
  mint(options?: { expiresIn?: number }): { access_token: string; refresh_token: string; id_token: string; expires_in?: number };
  /** Replaces the Responses reply (the token check still runs first unless `skipAuth`). */
  onResponses(handler: Handler | Reply, options?: { skipAuth?: boolean }): void;
  /** Answers the next token requests with this reply instead (scripted failures). */
  failToken(...replies: Reply[]): void;
  tokenRequests(): Array<RecordedRequest & { form: URLSearchParams }>;
  responsesRequests(): RecordedRequest[];
}

export async function startFakeCodex(options: { accountId?: string; expiresIn?: number } = {}): Promise<FakeCodex> {
  const server = await startFakeServer();
  const accountId = options.accountId ?? FAKE_ACCOUNT_ID;
  const grants = new Map<string, AuthorizeGrant>();
  const validAccessTokens = new Set<string>();
  const validRefreshTokens = new Set<string>();
  const scriptedToken: Reply[] = [];
  let responsesHandler: Handler = () => sseReply(responseEvents());
  let skipAuth = false;

  const fake = Object.assign(server, {
    issuer: server.url,
    codexBase: `${server.url}/backend-api/codex`,
    accountId,
    validAccessTokens,
    validRefreshTokens,
    expiresIn: 'expiresIn' in options ? options.expiresIn : 3600,
    mint(mintOptions: { expiresIn?: number } = {}) {
      const lifetime = 'expiresIn' in mintOptions ? mintOptions.expiresIn : fake.expiresIn;
      const now = Math.floor(Date.now() / 1000);
      const auth = { chatgpt_account_id: accountId, chatgpt_plan_type: 'plus', chatgpt_user_id: 'user-fake' };
      const access_token = fakeJwt({
        iss: server.url,
        aud: ['https://api.openai.com/v1'],
        sub: 'google-oauth2|user-fake',
        iat: now,
        exp: now + (lifetime ?? 3600),
        'https://api.openai.com/auth': auth,
        jti: randomBytes(6).toString('hex'),
      });
      const id_token = fakeJwt({
        iss: server.url,
        aud: [FAKE_CLIENT_ID],
        sub: 'google-oauth2|user-fake',
        email: 'user@example.com',
        iat: now,
        exp: now + 3600,
        'https://api.openai.com/auth': auth,
      });
      const refresh_token = `rt_${randomBytes(24).toString('base64url')}`;
      validAccessTokens.add(access_token);
      validRefreshTokens.add(refresh_token);
      return { access_token, refresh_token, id_token, ...(lifetime !== undefined && { expires_in: lifetime }) };
    },
    onResponses(handler: Handler | Reply, handlerOptions: { skipAuth?: boolean } = {}) {
      responsesHandler = typeof handler === 'function' ? handler : () => handler;
      skipAuth = handlerOptions.skipAuth ?? false;
    },
    failToken(...replies: Reply[]) {
      scriptedToken.push(...replies);
    },
    tokenRequests() {
      return server.requests
        .filter((r) => r.path === '/oauth/token')
        .map((r) => Object.assign(r, { form: new URLSearchParams(r.rawBody) }));
    },
    responsesRequests() {
      return server.requests.filter((r) => r.path === RESPONSES_PATH);
    },
  });

  const oauthError = (status: number, error: string, description: string): Reply => ({
    status,
    body: { error, error_description: description },
  });

  // The browser's view of the authorize page: the user is signed in and consents at once.
  server.route('GET', '/oauth/authorize', (request) => {
    const q = request.query;
    const redirectUri = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== FAKE_CLIENT_ID || q.get('response_type') !== 'code' || !redirectUri)
      return { status: 400, body: 'bad authorize request' };
    const code = `ac_${randomBytes(12).toString('base64url')}`;
    grants.set(code, {
      clientId: q.get('client_id')!,
      redirectUri,
      challenge: q.get('code_challenge') ?? '',
      method: q.get('code_challenge_method') ?? '',
      used: false,
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    if (q.has('state')) target.searchParams.set('state', q.get('state')!);
    return { status: 302, headers: { location: target.toString() }, body: '' };
  });

  server.route('POST', '/oauth/token', (request) => {
    const scripted = scriptedToken.shift();
    if (scripted) return scripted;
    if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
      return oauthError(400, 'invalid_request', 'expected a form body');
    const form = new URLSearchParams(request.rawBody);
    if (form.get('client_id') !== FAKE_CLIENT_ID) return oauthError(401, 'invalid_client', 'unknown client');
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const grant = grants.get(form.get('code') ?? '');
      if (!grant || grant.used) return oauthError(400, 'invalid_grant', 'unknown or used code');
      if (grant.redirectUri !== form.get('redirect_uri')) return oauthError(400, 'invalid_grant', 'redirect_uri mismatch');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (grant.method !== 'S256' || challenge !== grant.challenge)
        return oauthError(400, 'invalid_grant', 'code_verifier does not match the challenge');
      grant.used = true;
      return { body: { ...fake.mint(), token_type: 'Bearer', scope: 'openid profile email offline_access' } };
    }
    if (grantType === 'refresh_token') {
      const old = form.get('refresh_token') ?? '';
      if (!validRefreshTokens.has(old)) return oauthError(400, 'invalid_grant', 'refresh token expired, revoked or reused');
      validRefreshTokens.delete(old);
      return { body: { ...fake.mint(), token_type: 'Bearer' } };
    }
    return oauthError(400, 'unsupported_grant_type', `grant_type ${grantType}`);
  });

  server.route('POST', RESPONSES_PATH, (request) => {
    if (!skipAuth) {
      const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!validAccessTokens.has(token))
        return {
          status: 401,
          body: { error: { message: 'Your authentication token has expired. Please try signing in again.', code: 'token_expired' } },
        };
      if (request.headers['chatgpt-account-id'] !== accountId) return { status: 403, body: { error: { message: 'account mismatch' } } };
    }
    return responsesHandler(request);
  });

  return fake;
}

/** An in-memory CodexTokenStore that counts its calls. */
export function memoryTokenStore(
  initial: CodexTokens | null = null,
): CodexTokenStore & { tokens: CodexTokens | null; saves: number; clears: number } {
  const store = {
    tokens: initial,
    saves: 0,
    clears: 0,
    async load() {
      return store.tokens ? { ...store.tokens } : null;
    },
    async save(tokens: CodexTokens) {
      store.saves += 1;
      store.tokens = { ...tokens };
    },
    async clear() {
      store.clears += 1;
      store.tokens = null;
    },
  };
  return store;
}
