// The Electron main process: app lifecycle, the main window, IPC, the menu. Everything it serves
// comes from the same handler table as browser mode.
import path from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, screen, session, shell } from 'electron';
import { HostContext } from '../host/context';
import { defaultDataDir } from '../config/paths';
import { keepServingOnStrayErrors } from '../stray-errors';
import { appVersion } from '../version';
import { APP_INDEX_URL, registerAppScheme, serveRenderer } from './app-protocol';
import { appCsp, installCsp } from './csp';
import { createLoginWindow } from './login-window';
import { openExternalSafely } from './navigation';
import { copilotLogins } from '../services/copilot-login';
import { gatewayService } from '../gateway/service';
import { forwardEvents, registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { denyAllPermissions } from './permissions';
import { createMainWindow } from './window';
import { loadWindowState, saveWindowState } from './window-state';

keepServingOnStrayErrors('desktop app');

// A packaged app never loads its renderer from elsewhere, whatever the environment says.
const devServerUrl = app.isPackaged ? undefined : process.env.SWITCHYARD_DEV_SERVER_URL;
const rendererUrl = devServerUrl ?? APP_INDEX_URL;
const preloadPath = path.join(__dirname, 'preload.cjs');
registerAppScheme();

// One data folder for the app, browser mode and the CLI (DESIGN.md: Config and history).
app.setPath('userData', defaultDataDir());

// A second launch focuses the first window instead of starting another app on the same files.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const ctx = new HostContext({
    dataDir: app.getPath('userData'),
    keychainService: 'Switchyard',
    transport: 'ipc',
    appVersion,
    electronVersion: process.versions.electron ?? null,
    openPath: async (folder) => {
      const failure = await shell.openPath(folder);
      if (failure) throw new Error(`Could not open ${folder}: ${failure}`);
    },
  });
  let mainWindow: BrowserWindow | null = null;
  const loginWindows = new Map<string, BrowserWindow>();
  ctx.options.openLoginWindow = (kind, loginId) => {
    // One sign-in window at a time: a new sign-in replaces the old window.
    for (const [id, open] of loginWindows) if (id !== loginId && !open.isDestroyed()) open.close();
    const window = createLoginWindow(preloadPath, rendererUrl, kind, loginId, mainWindow, () => {
      loginWindows.delete(loginId);
      if (kind === 'copilot') ctx.use(copilotLogins).cancel(loginId);
    });
    loginWindows.set(loginId, window);
  };
  // The device page of a running Copilot sign-in may be on the Enterprise host the user chose.
  ctx.options.openInBrowser = (url) => openExternalSafely(url, ctx.use(copilotLogins).hosts());

  const openWindow = () => {
    const state = loadWindowState(
      ctx.dataDir,
      screen.getAllDisplays().map((d) => d.workArea),
    );
    mainWindow = createMainWindow(preloadPath, rendererUrl, state);
    if (state?.maximized) mainWindow.maximize();
    mainWindow.on('close', () => {
      if (mainWindow) saveWindowState(ctx.dataDir, mainWindow.getNormalBounds(), mainWindow.isMaximized());
    });
    mainWindow.on('closed', () => (mainWindow = null));
  };

  app.on('second-instance', () => {
    if (!mainWindow) return openWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(() => {
    installCsp(session.defaultSession, devServerUrl ? new URL(devServerUrl).origin : undefined);
    serveRenderer(path.join(__dirname, 'renderer'), appCsp());
    denyAllPermissions(session.defaultSession);
    registerIpc(ipcMain, ctx, rendererUrl);
    forwardEvents(ctx, () => BrowserWindow.getAllWindows().map((window) => window.webContents));
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, (command) => ctx.emit('app.command', { command }))));
    openWindow();
    // The local gateway starts with the app when the user turned it on; its status reaches the UI as an event.
    void ctx.use(gatewayService).apply();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quit waits for running streams and pulls to stop and for pending writes to land.
  let flushed = false;
  app.on('before-quit', (event) => {
    if (flushed) return;
    event.preventDefault();
    void ctx.dispose().finally(() => {
      flushed = true;
      app.quit();
    });
  });
}
