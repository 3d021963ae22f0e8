// Every window of the app is made here, with one set of web preferences. They are written out
// literally inside the `new BrowserWindow({...})` call, because electronegativity reads each such
// call in the source and does not follow a constant from elsewhere. Navigation is guarded the same
// way for every window, and a window shows itself once its page is ready.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { guardNavigation } from './navigation';

export interface SecureWindowOptions {
  /** The preload bundle: the sandboxed bridge exposing invoke/on for the contract only. */
  preloadPath: string;
  /** The renderer's own address; navigation anywhere else is refused. */
  rendererUrl: string;
  spellcheck: boolean;
}

export function createSecureWindow(
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences' | 'show'>,
  { preloadPath, rendererUrl, spellcheck }: SecureWindowOptions,
): BrowserWindow {
  const window = new BrowserWindow({
    ...options,
    show: false,
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
      // Middle-click (auxclick) would open links in a new window, bypassing the open handler.
      disableBlinkFeatures: 'Auxclick',
      spellcheck,
    },
  });
  guardNavigation(window.webContents, rendererUrl);
  window.once('ready-to-show', () => window.show());
  return window;
}
