// The main window. Its web preferences are written out literally (not built by a helper) so that
// electronegativity, which reads the source, can verify every one of them.
import { BrowserWindow, type Rectangle } from 'electron';
import { guardNavigation } from './navigation';

export function createMainWindow(preloadPath: string, rendererUrl: string, bounds?: Partial<Rectangle>): BrowserWindow {
  const window = new BrowserWindow({
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 820,
    ...(bounds?.x !== undefined && bounds.y !== undefined && { x: bounds.x, y: bounds.y }),
    minWidth: 880,
    minHeight: 560,
    title: 'Switchyard',
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
      // Middle-click (auxclick) would open links in a new window, bypassing the open handler.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  guardNavigation(window.webContents, rendererUrl);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}
