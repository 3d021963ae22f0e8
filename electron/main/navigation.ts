// A window may show our renderer and nothing else: navigation elsewhere and window.open are denied.
// Links to the web go through `openExternalSafely`, which allows only known https hosts: the
// hosts come from shared/key-pages.ts, the same table as the renderer's "Get a key" links.
import { shell, type WebContents } from 'electron';
import { EXTERNAL_HOSTS } from '../../shared/key-pages';

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && EXTERNAL_HOSTS.has(parsed.hostname) && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/**
 * GitHub's device page on github.com or on one of `enterpriseHosts` (the hosts of the sign-ins the
 * user started). Any other https host with that path is refused: a link in a model's answer to
 * https://evil.example/login/device must not open as if it were GitHub's.
 */
export function isGitHubDevicePage(url: string, enterpriseHosts: Iterable<string> = []): boolean {
  try {
    const parsed = new URL(url);
    const host = parsed.host.toLowerCase();
    const knownHost = host === 'github.com' || [...enterpriseHosts].some((allowed) => allowed.toLowerCase() === host);
    return (
      knownHost &&
      parsed.protocol === 'https:' &&
      parsed.pathname === '/login/device' &&
      !parsed.username &&
      !parsed.password &&
      !parsed.search
    );
  } catch {
    return false;
  }
}

/** Opens `url` in the system browser when it is allow-listed or a GitHub device page of `enterpriseHosts`. */
export async function openExternalSafely(url: string, enterpriseHosts: Iterable<string> = []): Promise<boolean> {
  if (!isAllowedExternalUrl(url) && !isGitHubDevicePage(url, enterpriseHosts)) return false;
  // electronegativity OPEN_EXTERNAL_JS_CHECK: accepted, the URL passed one of the two https checks above.
  await shell.openExternal(url);
  return true;
}

/**
 * True when `url` is the renderer itself: the same scheme and host (app://switchyard, or the dev
 * server) or, for file://, the same file. Scheme and host are compared, not `origin`: the origin
 * of any non-http scheme is "null" in Node, so app:// and evil:// would have matched.
 */
export function isRendererUrl(url: string, rendererUrl: string): boolean {
  try {
    const target = new URL(url);
    const own = new URL(rendererUrl);
    if (own.protocol === 'file:') return target.protocol === 'file:' && target.pathname === own.pathname;
    return target.protocol === own.protocol && target.host === own.host && target.host !== '';
  } catch {
    return false;
  }
}

export function guardNavigation(contents: WebContents, rendererUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isRendererUrl(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isRendererUrl(url, rendererUrl)) event.preventDefault();
  });
  // will-navigate sees only the main frame; an iframe (from markdown, an injected page) is
  // caught here. The renderer never needs a frame of anything else.
  contents.on('will-frame-navigate', (event) => {
    if (!isRendererUrl(event.url, rendererUrl)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    // An https link the user clicked opens in their browser when its host is allowed; nothing
    // ever opens inside the app.
    void openExternalSafely(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
