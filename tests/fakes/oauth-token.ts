// An OAuth token endpoint as a loopback fake (the refresh_token grant of RFC 6749 §6, form-encoded),
// standing in for MiniMax's /oauth/token and Qwen's /api/v1/oauth2/token. It issues
// `<prefix>-access-N` tokens, rotates the refresh token to `<prefix>-refresh-N`, and records
// every form it received. A script can replace the reply (errors, odd bodies).
import { startFakeServer, type FakeServer, type Handler, type Reply } from './server';

export interface FakeTokenEndpoint extends FakeServer {
  /** The forms POSTed to the token path, in order. */
  forms(): URLSearchParams[];
  /** Access tokens issued so far, in order. */
  issued: string[];
  /** Replaces the default reply. */
  onRefresh(handler: Handler | Reply): void;
}

export async function startFakeTokenEndpoint(
  tokenPath: string,
  prefix: string,
  extra: Record<string, unknown> = {},
): Promise<FakeTokenEndpoint> {
  const server = await startFakeServer();
  const issued: string[] = [];
  const issue: Handler = (request) => {
    const form = new URLSearchParams(request.rawBody);
    if (form.get('grant_type') !== 'refresh_token' || !form.get('refresh_token'))
      return { status: 400, body: { error: 'invalid_request', error_description: 'refresh_token is required' } };
    const n = issued.length + 1;
    const token = `${prefix}-access-${n}-${'x'.repeat(16)}`;
    issued.push(token);
    return {
      body: {
        access_token: token,
        refresh_token: `${prefix}-refresh-${n}-${'y'.repeat(16)}`,
        token_type: 'Bearer',
        expires_in: 3600,
        ...extra,
      },
    };
  };
  server.route('POST', tokenPath, issue);
  return Object.assign(server, {
    issued,
    forms: () => server.requests.filter((r) => r.path === tokenPath).map((r) => new URLSearchParams(r.rawBody)),
    onRefresh: (handler: Handler | Reply) => server.route('POST', tokenPath, handler),
  });
}
