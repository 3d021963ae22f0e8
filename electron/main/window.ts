// The main window and the web preferences every Switchyard window shares.
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';
import { guardNavigation } from './navigation';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
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
    spellcheck: true,
  };
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    title: 'Switchyard',
    show: false,
    backgroundColor: '#0f1115',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export function createMainWindow(preloadPath: string, rendererUrl: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  guardNavigation(window.webContents, rendererUrl);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}
