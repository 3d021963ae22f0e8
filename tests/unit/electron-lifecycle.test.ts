import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeGitHub } from '../fakes/github';
import { freePort } from '../helpers/net';
import type { createElectronMock, FakeBrowserWindow } from '../helpers/electron-mock';

vi.mock('electron', async () => (await import('../helpers/electron-mock')).createElectronMock());

type Electron = ReturnType<typeof createElectronMock>;

async function loadMain(lock = true): Promise<Electron> {
  vi.resetModules();
  const electron = (await import('electron')) as unknown as Electron;
  electron.app.requestSingleInstanceLock.mockReturnValue(lock);
  // A main loaded by an earlier test must not answer this test's app events (its quit would race ours).
  electron.app.handlers.clear();
  electron.app.quit.mockClear();
  (electron.BrowserWindow as unknown as { instances: FakeBrowserWindow[] }).instances.length = 0;
  await import('../../electron/main/index');
  await new Promise((resolve) => setTimeout(resolve, 0));
  return electron;
}

describe('Electron main process lifecycle', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-main-'));
    vi.stubEnv('SWITCHYARD_HOME', home);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(home, { recursive: true, force: true });
  });

  it('a second launch quits at once and leaves the first one alone', async () => {
    const electron = await loadMain(false);
    expect(electron.app.quit).toHaveBeenCalled();
    expect((electron.BrowserWindow as unknown as { instances: unknown[] }).instances).toHaveLength(0);
  });

  it('opens the window, denies every permission request and installs the menu', async () => {
    const electron = await loadMain();
    const windows = (electron.BrowserWindow as unknown as { instances: FakeBrowserWindow[] }).instances;
    expect(windows).toHaveLength(1);
    const request = electron.session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0] as (
      c: unknown,
      p: string,
      cb: (ok: boolean) => void,
    ) => void;
    const callback = vi.fn();
    request({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect((electron.session.defaultSession.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean)()).toBe(false);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
  });

  it('opens the data folder in the file manager through the handler table', async () => {
    const electron = await loadMain();
    const invoke = electron.ipcMain.handlers.get('app.openDataFolder')!;
    const [window] = (electron.BrowserWindow as unknown as { instances: FakeBrowserWindow[] }).instances;
    const rendererUrl = (window!.loadURL.mock.calls as unknown as string[][])[0]![0]!;
    await expect(invoke({ senderFrame: { url: rendererUrl } }, {})).resolves.toEqual({ ok: true, result: { opened: true, path: home } });
    expect(electron.shell.openPath).toHaveBeenCalledWith(home);
  });

  it('focuses the existing window when the app is launched again', async () => {
    const electron = await loadMain();
    const [window] = (electron.BrowserWindow as unknown as { instances: FakeBrowserWindow[] }).instances;
    electron.app.emit('second-instance');
    expect(window!.restore).toHaveBeenCalled();
    expect(window!.focus).toHaveBeenCalled();
  });

  it('quit waits for running work to stop and writes to land, then quits', async () => {
    const electron = await loadMain();
    const event = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(electron.app.quit).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    // The second before-quit (from app.quit) goes through.
    const again = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('starts the gateway with the app when the user turned it on, and stops it on quit', async () => {
    const port = await freePort();
    await writeFile(path.join(home, 'config.json'), JSON.stringify({ schemaVersion: 1, gateway: { enabled: true, port } }));
    const electron = await loadMain();
    await vi.waitFor(async () => expect((await fetch(`http://127.0.0.1:${port}/v1/models`)).status).toBe(401), { timeout: 50_000 });
    electron.app.emit('before-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled(), { timeout: 50_000 });
    await expect(fetch(`http://127.0.0.1:${port}/v1/models`)).rejects.toThrow();
  });

  it('remembers the window bounds when it closes', async () => {
    const electron = await loadMain();
    const [window] = (electron.BrowserWindow as unknown as { instances: FakeBrowserWindow[] }).instances;
    window!.emit('close');
    const { loadWindowState } = await import('../../electron/main/window-state');
    expect(loadWindowState(home, [{ x: 0, y: 0, width: 1920, height: 1080 }])).toMatchObject({ x: 10, y: 10, width: 1200, height: 800 });
  });
  it('opens the Copilot sign-in in its own window, and closing that window stops the sign-in', async () => {
    const github = await startFakeGitHub({ polls: ['authorization_pending'] });
    vi.stubEnv('SWITCHYARD_GITHUB_URL', github.url);
    try {
      const electron = await loadMain();
      const windows = (electron.BrowserWindow as unknown as { instances: FakeBrowserWindow[] }).instances;
      const rendererUrl = (windows[0]!.loadURL.mock.calls as unknown as string[][])[0]![0]!;
      const frame = { senderFrame: { url: rendererUrl } };
      const started = (await electron.ipcMain.handlers.get('auth.copilot.start')!(frame, {})) as {
        ok: true;
        result: { loginId: string; presentation: string };
      };
      expect(started.result.presentation).toBe('window');
      expect(windows).toHaveLength(2);
      expect(windows[1]!.options).toMatchObject({ title: 'Sign in to GitHub Copilot', parent: windows[0] });
      expect(windows[1]!.loadURL).toHaveBeenCalledWith(`${rendererUrl}#/login/copilot/${started.result.loginId}`);
      const status = electron.ipcMain.handlers.get('auth.copilot.status')!;
      await vi.waitFor(async () =>
        expect(((await status(frame, { loginId: started.result.loginId })) as { result: { status: string } }).result.status).toBe(
          'waiting',
        ),
      );
      // The verification page goes through the allow-list: the fake's http://127.0.0.1 page is refused.
      const open = electron.ipcMain.handlers.get('auth.copilot.openVerificationPage')!;
      expect(await open(frame, { loginId: started.result.loginId })).toEqual({
        ok: true,
        result: { opened: false, url: `${github.url}/login/device` },
      });
      expect(electron.shell.openExternal).not.toHaveBeenCalled();
      windows[1]!.close();
      await vi.waitFor(async () =>
        expect(((await status(frame, { loginId: started.result.loginId })) as { result: { status: string } }).result.status).toBe(
          'cancelled',
        ),
      );
    } finally {
      await github.close();
    }
  });
});
