// The renderer is served from app://switchyard/, not file://. A custom protocol gives the page a
// real origin (so the IPC sender check compares scheme and host, not file paths), lets every
// response carry the CSP header (onHeadersReceived may not apply to file:// pages), and serves
// only the built renderer folder, through the same path check as browser mode.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { resolveRendererFile } from '../renderer-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'switchyard';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Electron requires privileged schemes to be registered before the app is ready. */
export function registerAppScheme(): void {
  // standard: relative URLs and an origin like http's; secure: treated as https (no mixed content).
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

function notFound(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
}

/** The response for one app:// request: a file of `rendererDir` with the CSP, or an error. */
export async function rendererResponse(rendererDir: string, request: { url: string; method: string }, csp: string): Promise<Response> {
  const url = new URL(request.url);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound(404, 'Not found');
  if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(405, 'Method not allowed');
  const found = await resolveRendererFile(rendererDir, url.pathname);
  if (!found) return notFound(503, 'The renderer is not built. Run `npm run build`.');
  const body = request.method === 'HEAD' ? null : await readFile(found.file);
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': found.contentType,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'cache-control': found.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    },
  });
}

/** Serves `rendererDir` on app://switchyard/; call once the app is ready. */
export function serveRenderer(rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request, csp));
}
