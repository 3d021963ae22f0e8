// The Electron main process: app lifecycle, the main window, IPC. Everything it serves comes from
// the same handler table as browser mode.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { HostContext } from '../api/context';
import { defaultDataDir } from '../config/paths';
import { appVersion } from '../version';
import { installCsp } from './csp';
import { forwardEvents, registerIpc } from './ipc';
import { createMainWindow } from './window';

const devServerUrl = process.env.SWITCHYARD_DEV_SERVER_URL;
const rendererUrl = devServerUrl ?? pathToFileURL(path.join(__dirname, 'renderer', 'index.html')).toString();
const preloadPath = path.join(__dirname, 'preload.cjs');

// One data folder for the app, browser mode and the CLI (DESIGN.md: Config and history).
app.setPath('userData', defaultDataDir());

const ctx = new HostContext({
  dataDir: app.getPath('userData'),
  keychainService: 'Switchyard',
  transport: 'ipc',
  appVersion,
  electronVersion: process.versions.electron ?? null,
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(() => {
  installCsp(session.defaultSession, devServerUrl ? new URL(devServerUrl).origin : undefined);
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  registerIpc(ipcMain, ctx, rendererUrl);
  forwardEvents(ctx, () => BrowserWindow.getAllWindows().map((window) => window.webContents));
  createMainWindow(preloadPath, rendererUrl);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadPath, rendererUrl);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void ctx.dispose();
});
