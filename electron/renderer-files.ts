// Which file of the built renderer a request asks for. Browser mode (HTTP) and the desktop app
// (the app:// protocol) serve the same folder through this one function, so neither can be talked
// into reading a file outside it.
import { stat } from 'node:fs/promises';
import path from 'node:path';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface RendererFile {
  file: string;
  size: number;
  contentType: string;
  /** Hashed build assets never change under the same name; everything else must not be cached. */
  immutable: boolean;
}

function decodedPath(urlPath: string): string {
  try {
    return decodeURIComponent(urlPath.split(/[?#]/)[0] || '/');
  } catch {
    return '/';
  }
}

/**
 * The file for `urlPath` (the path part of a request URL) inside `rendererDir`. Paths that leave
 * the folder (`..`, encoded or not) and unknown paths get the app page, as a single-page app's
 * routes would; null only when the renderer is not built at all.
 */
export async function resolveRendererFile(rendererDir: string, urlPath: string): Promise<RendererFile | null> {
  const root = path.resolve(rendererDir);
  const wanted = decodedPath(urlPath);
  const resolved = path.resolve(root, `.${wanted === '/' ? '/index.html' : wanted}`);
  const inside = resolved.startsWith(root + path.sep) && !resolved.includes('\0');
  const index = path.join(root, 'index.html');
  let file = inside ? resolved : index;
  let info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    file = index;
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return null;
  return {
    file,
    size: info.size,
    contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    immutable: file.includes(`${path.sep}assets${path.sep}`),
  };
}
