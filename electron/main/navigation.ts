// A window may show our renderer and nothing else: navigation elsewhere and window.open are denied.
// Links to the web go through `openExternalSafely`, which allows only known https hosts.
import { shell, type WebContents } from 'electron';

export const EXTERNAL_HOST_ALLOW_LIST = new Set([
  'github.com',
  'auth.openai.com',
  'docs.github.com',
  'platform.openai.com',
  'console.anthropic.com',
  'docs.anthropic.com',
  'aistudio.google.com',
  'ai.google.dev',
  'openrouter.ai',
  'ollama.com',
  'portal.azure.com',
  'console.aws.amazon.com',
  'docs.aws.amazon.com',
]);

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && EXTERNAL_HOST_ALLOW_LIST.has(parsed.hostname) && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/**
 * GitHub's device page, on github.com or an Enterprise host. The sign-in service has already
 * checked that the host is the one the user chose, so any https host may pass here.
 */
export function isGitHubDevicePage(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.pathname === '/login/device' && !parsed.username && !parsed.password && !parsed.search;
  } catch {
    return false;
  }
}

export async function openExternalSafely(url: string): Promise<boolean> {
  if (!isAllowedExternalUrl(url) && !isGitHubDevicePage(url)) return false;
  // electronegativity OPEN_EXTERNAL_JS_CHECK: accepted, the URL passed one of the two https checks above.
  await shell.openExternal(url);
  return true;
}

/** True when `url` is the renderer itself (same origin and, for file://, the same file). */
export function isRendererUrl(url: string, rendererUrl: string): boolean {
  try {
    const target = new URL(url);
    const own = new URL(rendererUrl);
    if (own.protocol === 'file:') return target.protocol === 'file:' && target.pathname === own.pathname;
    return target.origin === own.origin;
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
  contents.setWindowOpenHandler(({ url }) => {
    // An https link the user clicked opens in their browser when its host is allowed; nothing
    // ever opens inside the app.
    void openExternalSafely(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
