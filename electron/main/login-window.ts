// The sign-in window: a small window of its own showing the renderer's login view for one sign-in
// (the Copilot code and status), with the web preferences and navigation guard every window gets
// (secure-window.ts).
import type { BrowserWindow } from 'electron';
import { createSecureWindow } from './secure-window';

export type LoginKind = 'copilot' | 'codex';

/** The renderer route the window shows (main.tsx reads it). */
export function loginRoute(rendererUrl: string, kind: LoginKind, loginId: string): string {
  const url = new URL(rendererUrl);
  url.hash = `/login/${kind}/${encodeURIComponent(loginId)}`;
  return url.toString();
}

export function createLoginWindow(
  preloadPath: string,
  rendererUrl: string,
  kind: LoginKind,
  loginId: string,
  parent?: BrowserWindow | null,
  onClosed?: () => void,
): BrowserWindow {
  const window = createSecureWindow(
    {
      width: 480,
      height: 460,
      resizable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      ...(parent && { parent }),
      title: kind === 'copilot' ? 'Sign in to GitHub Copilot' : 'Sign in to OpenAI Codex',
      backgroundColor: '#0f1115',
    },
    { preloadPath, rendererUrl, spellcheck: false },
  );
  window.setMenuBarVisibility(false);
  // Closing the window before the sign-in finished stops it.
  if (onClosed) window.on('closed', onClosed);
  void window.loadURL(loginRoute(rendererUrl, kind, loginId));
  return window;
}
