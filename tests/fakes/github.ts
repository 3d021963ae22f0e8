// GitHub's device flow, its REST /user, the Copilot token exchange and the Copilot chat API as one
// loopback fake (docs.github.com device flow; seed-auth-cli.md §1.4–§1.7). The poll answers are a
// script, so a test can walk every state; Copilot tokens expire when the test says so.
import { completion, sseStream } from './openai';
import { startFakeServer, type FakeServer, type Reply } from './server';

export type PollAnswer =
  | 'authorization_pending'
  | 'slow_down'
  | 'expired_token'
  | 'access_denied'
  | 'unsupported_grant_type'
  | 'token'
  | 'not-json';

export interface FakeGitHubOptions {
  userCode?: string;
  interval?: number;
  expiresIn?: number;
  /** What each poll answers, in order; the last entry repeats. */
  polls?: PollAnswer[];
  /** The GitHub token a successful poll hands out. */
  githubToken?: string;
  login?: string;
  /** Seconds from now a Copilot token is valid for (GitHub gives about 25 min). */
  copilotTokenLifetimeS?: number;
  /** Answers the token exchange with this status instead (401 revoked, 403 no subscription). */
  exchangeStatus?: number;
  /** A clock for `expires_at` (tests with an injected clock). */
  now?: () => number;
}

export interface FakeGitHub {
  server: FakeServer;
  url: string;
  options: FakeGitHubOptions;
  /** Copilot tokens handed out so far, oldest first. */
  issuedCopilotTokens: string[];
  /** Tokens the chat endpoint no longer accepts (as if revoked early). */
  revoked: Set<string>;
  pollCount(): number;
  close(): Promise<void>;
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const server = await startFakeServer();
  const issued: string[] = [];
  const revoked = new Set<string>();
  let polls = 0;
  const githubToken = () => options.githubToken ?? 'gho_fakeGitHubToken0123456789';
  const now = () => options.now?.() ?? Date.now();

  server.route('POST', '/login/device/code', (req) => {
    const body = req.body as { client_id?: string; scope?: string };
    if (!body.client_id) return { status: 400, body: { error: 'missing client_id' } };
    return {
      body: {
        device_code: 'device-code-123',
        user_code: options.userCode ?? 'WDJB-MJHT',
        verification_uri: `${server.url}/login/device`,
        interval: options.interval ?? 5,
        expires_in: options.expiresIn ?? 900,
      },
    };
  });

  server.route('POST', '/login/oauth/access_token', (req): Reply => {
    const body = req.body as { device_code?: string; grant_type?: string };
    if (body.device_code !== 'device-code-123' || body.grant_type !== 'urn:ietf:params:oauth:grant-type:device_code')
      return { body: { error: 'incorrect_device_code' } };
    const script = options.polls ?? ['token'];
    const answer = script[Math.min(polls, script.length - 1)]!;
    polls += 1;
    if (answer === 'token') return { body: { access_token: githubToken(), token_type: 'bearer', scope: 'read:user' } };
    if (answer === 'not-json') return { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad gateway</html>' };
    return {
      body: {
        error: answer,
        error_description: `fake: ${answer}`,
        ...(answer === 'slow_down' && { interval: (options.interval ?? 5) + 5 }),
      },
    };
  });

  const authorizedGitHub = (header: string | string[] | undefined) => header === `token ${githubToken()}`;

  server.route('GET', '/user', (req) =>
    authorizedGitHub(req.headers.authorization)
      ? { body: { login: options.login ?? 'octocat', id: 1 } }
      : { status: 401, body: { message: 'Bad credentials' } },
  );

  server.route('GET', '/copilot_internal/v2/token', (req) => {
    if (!authorizedGitHub(req.headers.authorization)) return { status: 401, body: { message: 'Bad credentials' } };
    if (options.exchangeStatus)
      return {
        status: options.exchangeStatus,
        body: { message: options.exchangeStatus === 403 ? 'Resource not accessible: no Copilot subscription' : 'Bad credentials' },
      };
    const token = `tid=fake;exp=${issued.length + 1};sku=copilot_for_individuals:${Math.random().toString(36).slice(2)}`;
    issued.push(token);
    return {
      body: {
        token,
        expires_at: Math.floor(now() / 1000) + (options.copilotTokenLifetimeS ?? 1500),
        refresh_in: 1500,
        endpoints: { api: server.url },
      },
    };
  });

  const authorizedCopilot = (header: string | string[] | undefined): boolean => {
    const latest = issued.at(-1);
    return Boolean(latest) && header === `Bearer ${latest}` && !revoked.has(latest!);
  };

  server.route('POST', '/chat/completions', (req): Reply => {
    if (!authorizedCopilot(req.headers.authorization)) return { status: 401, body: { error: { message: 'unauthorized: token expired' } } };
    const body = req.body as { stream?: boolean; messages?: Array<{ content?: unknown }> };
    const last = body.messages?.at(-1)?.content;
    const text = `Copilot says: ${typeof last === 'string' ? last : 'hello'}`;
    if (body.stream)
      return {
        headers: { 'content-type': 'text/event-stream' },
        chunks: [sseStream(text.split(/(?= )/), { usage: { prompt_tokens: 9, completion_tokens: 4 } })],
      };
    return { body: completion(text, { model: 'gpt-4o', usage: { prompt_tokens: 9, completion_tokens: 4 } }) };
  });

  server.route('GET', '/models', (req) =>
    authorizedCopilot(req.headers.authorization)
      ? {
          body: {
            data: [
              { id: 'gpt-4o', object: 'model' },
              { id: 'claude-sonnet-4', object: 'model' },
            ],
          },
        }
      : { status: 401, body: { error: { message: 'unauthorized' } } },
  );

  return {
    server,
    url: server.url,
    options,
    issuedCopilotTokens: issued,
    revoked,
    pollCount: () => polls,
    close: () => server.close(),
  };
}
