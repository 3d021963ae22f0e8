// The loopback server that receives the sign-in redirect (seed-auth-cli.md §2.3 step 4).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CODEX_CALLBACK_HOST, CODEX_CALLBACK_PATH, CODEX_CALLBACK_PORT, CodexAuthError, LOGIN_TIMEOUT_MS } from './shared';
import { callbackParamsError } from './pkce';

export interface CallbackServerOptions {
  host?: string;
  /** 1455 by default (the port OpenAI's registered redirect URI names); 0 picks a free one. */
  port?: number;
  expectedState: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface CallbackServer {
  /** The redirect_uri to send: http://localhost:<port>/auth/callback. */
  redirectUri: string;
  port: number;
  /** The code, once the browser came back with the expected state. */
  waitForCode(): Promise<string>;
  close(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}h1{font-size:1.4rem}</style></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
}

export function portInUseMessage(port: number): string {
  return `Port ${port} is already in use (another sign-in, or the Codex CLI, may be listening), so Switchyard cannot receive the sign-in redirect. Close the other program and try again, or finish signing in in the browser and paste the address it ends on below.`;
}

export function startCallbackServer(options: CallbackServerOptions): Promise<CallbackServer> {
  const host = options.host ?? CODEX_CALLBACK_HOST;
  const requestedPort = options.port ?? CODEX_CALLBACK_PORT;
  const timeoutMs = options.timeoutMs ?? LOGIN_TIMEOUT_MS;
  let settle: { resolve: (code: string) => void; reject: (error: Error) => void };
  let settled = false;
  const result = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  // Nobody may be waiting yet; the rejection is still delivered through waitForCode().
  result.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reply = (status: number, title: string, message: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
      res.end(page(title, message));
    };
    if (url.pathname !== CODEX_CALLBACK_PATH || req.method !== 'GET') {
      // favicon.ico, probes: answered, and the login keeps waiting.
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end('Not found');
      return;
    }
    if (settled) {
      reply(410, 'Sign-in already handled', 'This sign-in has already finished. You can close this window.');
      return;
    }
    const params = url.searchParams;
    if (!params.has('code') && !params.has('state') && !params.has('error')) {
      reply(
        400,
        'Waiting for sign-in',
        'This address receives the redirect from OpenAI after you sign in. Finish signing in in the other tab.',
      );
      return;
    }
    const error = callbackParamsError(params, options.expectedState);
    if (error) {
      reply(400, 'Sign-in failed', `${error.message} You can close this window and return to Switchyard.`);
      finish(error);
      return;
    }
    reply(200, 'Signed in to OpenAI Codex', 'You can close this window and return to Switchyard.');
    finish(null, params.get('code')!);
  });

  let closing: Promise<void> | null = null;
  const closeServer = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    closing ??= new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      // Idle keep-alive or preconnected sockets would hold close() open; give the last page a
      // moment to flush, then drop whatever is left.
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 500).unref();
    });
    return closing;
  };

  function finish(error: Error | null, code?: string): void {
    if (settled) return;
    settled = true;
    if (error) settle.reject(error);
    else settle.resolve(code!);
    void closeServer();
  }

  /** Closing before the redirect arrived ends the wait as cancelled. */
  const close = (): Promise<void> => {
    finish(new CodexAuthError('cancelled', 'Sign-in was cancelled.'));
    return closeServer();
  };

  return new Promise<CallbackServer>((resolve, reject) => {
    if (options.signal?.aborted) return reject(new CodexAuthError('cancelled', 'Sign-in was cancelled.'));
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new CodexAuthError('port_in_use', portInUseMessage(requestedPort), { cause: error }));
      else
        reject(
          new CodexAuthError(
            'port_in_use',
            `Cannot listen on ${host}:${requestedPort} for the sign-in redirect (${error.code ?? error.message}). Finish signing in in the browser and paste the address it ends on below.`,
            { cause: error },
          ),
        );
    });
    server.listen(requestedPort, host, () => {
      server.on('error', () => undefined);
      const { port } = server.address() as AddressInfo;
      timer = setTimeout(
        () =>
          finish(
            new CodexAuthError(
              'timeout',
              `No sign-in redirect arrived within ${Math.round(timeoutMs / 1000)} s. Try again, or paste the address the browser ended on.`,
            ),
          ),
        timeoutMs,
      );
      timer.unref?.();
      onAbort = () => finish(new CodexAuthError('cancelled', 'Sign-in was cancelled.'));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      resolve({ redirectUri: `http://localhost:${port}${CODEX_CALLBACK_PATH}`, port, waitForCode: () => result, close });
    });
  });
}
