// The sign-in window: a small window of its own showing the renderer's login view for one sign-in
// (the Copilot code and status). Web preferences are written out literally, as in window.ts, so
// electronegativity can check them; navigation is guarded the same way.
import { BrowserWindow } from 'electron';
import { guardNavigation } from './navigation';

export type LoginKind = 'copilot' | 'codex';

/** The renderer route the window shows (main.tsx reads it). */
export function loginRoute(rendererUrl: string, kind: LoginKind, loginId: string): string {
  const url = new URL(rendererUrl);
  url.hash = `/login/${kind}/${encodeURIComponent(loginId)}`;
  return url.toString();
}

export function createLoginWindow(preloadPath: string, rendererUrl: string, kind: LoginKind, loginId: string, parent?: BrowserWindow | null, onClosed?: () => void): BrowserWindow {
  const window = new BrowserWindow({
    width: 480,
    height: 460,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    ...(parent && { parent }),
    title: kind === 'copilot' ? 'Sign in to GitHub Copilot' : 'Sign in to OpenAI Codex',
    show: false,
    backgroundColor: '#0f1115',
    webPreferences: {
      // electronegativity PRELOAD_JS_CHECK: accepted, a sandboxed bundle exposing invoke/on only.
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  window.setMenuBarVisibility(false);
  guardNavigation(window.webContents, rendererUrl);
  window.once('ready-to-show', () => window.show());
  // Closing the window before the sign-in finished stops it.
  if (onClosed) window.on('closed', onClosed);
  void window.loadURL(loginRoute(rendererUrl, kind, loginId));
  return window;
}
