// The desktop app's defences that need no Electron binary to check: the app:// protocol and its
// CSP, the dev-server switch, frame navigation, device permissions, the stray-error policy.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { createElectronMock, FakeBrowserWindow } from '../helpers/electron-mock';

vi.mock('electron', async () => (await import('../helpers/electron-mock')).createElectronMock());

type Electron = ReturnType<typeof createElectronMock>;
const STRAY_POLICY = Symbol.for('switchyard.strayErrorPolicy');
const root = path.resolve(import.meta.dirname, '../..');

async function loadMain(packaged = false): Promise<Electron> {
  vi.resetModules();
  const electron = (await import('electron')) as unknown as Electron;
  (electron.app as { isPackaged: boolean }).isPackaged = packaged;
  (electron.BrowserWindow as unknown as { instances: FakeBrowserWindow[] }).instances.length = 0;
  await import('../../electron/main/index');
  await new Promise((resolve) => setTimeout(resolve, 0));
  return electron;
}

function windows(electron: Electron): FakeBrowserWindow[] {
  return (electron.BrowserWindow as unknown as { instances: FakeBrowserWindow[] }).instances;
}

describe('the desktop app serves its renderer from app://', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-hardening-'));
    vi.stubEnv('SWITCHYARD_HOME', home);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    (process as unknown as Record<symbol, (() => void) | undefined>)[STRAY_POLICY]?.();
    await rm(home, { recursive: true, force: true });
  });

  it('registers app:// as a privileged standard scheme before ready, and loads app://switchyard/index.html', async () => {
    const electron = await loadMain();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(windows(electron)[0]!.loadURL).toHaveBeenCalledWith('app://switchyard/index.html');
  });

  it('uses SWITCHYARD_DEV_SERVER_URL only when the app is not packaged', async () => {
    vi.stubEnv('SWITCHYARD_DEV_SERVER_URL', 'http://127.0.0.1:5173/');
    expect(windows(await loadMain(false))[0]!.loadURL).toHaveBeenCalledWith('http://127.0.0.1:5173/');
    expect(windows(await loadMain(true))[0]!.loadURL).toHaveBeenCalledWith('app://switchyard/index.html');
  });

  it('accepts IPC only from app://switchyard frames, not from other schemes whose origin is also "null"', async () => {
    const electron = await loadMain();
    const invoke = electron.ipcMain.handlers.get('app.ping')!;
    expect(await invoke({ senderFrame: { url: 'app://switchyard/index.html#/chat' } }, { nonce: 'n' })).toMatchObject({ ok: true });
    for (const url of [
      'evil://switchyard/index.html',
      'app://evil/index.html',
      'file:///tmp/index.html',
      'https://switchyard/index.html',
    ]) {
      expect(await invoke({ senderFrame: { url } }, {}), url).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('denies every permission, every device permission and every device chooser', async () => {
    const electron = await loadMain();
    const ses = electron.session.defaultSession;
    expect((ses.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean)()).toBe(false);
    expect((ses.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean)()).toBe(false);
    for (const chooser of ['select-hid-device', 'select-usb-device']) {
      const event = { preventDefault: vi.fn() };
      const callback = vi.fn();
      ses.emit(chooser, event, { deviceList: [{ deviceId: 'd1' }] }, callback);
      expect(event.preventDefault).toHaveBeenCalled();
      expect(callback).toHaveBeenCalledWith();
    }
    const event = { preventDefault: vi.fn() };
    const callback = vi.fn();
    ses.emit('select-serial-port', event, [{ portId: 'p1' }], {}, callback);
    expect(callback).toHaveBeenCalledWith('');
  });

  it('installs the policy that logs stray errors scrubbed and keeps the app running', async () => {
    await loadMain();
    expect(typeof (process as unknown as Record<symbol, unknown>)[STRAY_POLICY]).toBe('function');
    expect(process.listenerCount('unhandledRejection')).toBeGreaterThan(0);
  });
});

describe('frames inside the window', () => {
  it('a frame may not navigate away from the renderer (will-frame-navigate)', async () => {
    const { createMainWindow } = await import('../../electron/main/window');
    const window = createMainWindow('/app/preload.cjs', 'app://switchyard/index.html') as unknown as FakeBrowserWindow;
    const navigate = (url: string) => {
      const event = { url, isMainFrame: false, preventDefault: vi.fn() };
      window.webContents.emit('will-frame-navigate', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://evil.example/frame')).toBe(true);
    expect(navigate('data:text/html,<script>1</script>')).toBe(true);
    expect(navigate('app://switchyard/index.html#/settings')).toBe(false);
  });
});

describe('app:// responses', () => {
  let dir: string;
  let csp: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-app-protocol-'));
    await mkdir(path.join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Switchyard</title>');
    await writeFile(path.join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(dir, 'secret.txt'), 'outside the renderer');
    csp = (await import('../../electron/main/csp')).appCsp();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function get(url: string, method = 'GET') {
    const { rendererResponse } = await import('../../electron/main/app-protocol');
    return rendererResponse(path.join(dir, 'renderer'), { url, method }, csp);
  }

  it('serves the page and its assets with the CSP header and nosniff', async () => {
    const page = await get('app://switchyard/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Switchyard</title>');
    expect(page.headers.get('content-security-policy')).toBe(csp);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const asset = await get('app://switchyard/assets/app.js');
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('content-security-policy')).toBe(csp);
  });

  it.each([
    'app://switchyard/../secret.txt',
    'app://switchyard/%2e%2e/secret.txt',
    'app://switchyard/..%2fsecret.txt',
    'app://switchyard/assets/..%2f..%2fsecret.txt',
    'app://switchyard/%2e%2e%5csecret.txt',
    'app://switchyard/secret.txt%00.js',
    'app://switchyard/%E0%A4%A',
  ])('never serves a file outside the renderer folder: %s', async (url) => {
    const response = await get(url);
    expect(await response.text()).not.toContain('outside the renderer');
  });

  it('refuses other hosts and methods', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://switchyard/index.html', 'POST')).status).toBe(405);
  });
});

describe('the CSP inside index.html', () => {
  it("is as strict as the desktop app's header, except connect-src 'self' for browser mode's own WebSocket", async () => {
    const html = await readFile(path.join(root, 'renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const { appCsp } = await import('../../electron/main/csp');
    const directives = (policy: string) =>
      new Map(
        policy
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name, ...values]) => [name!, values.join(' ')]),
      );
    const page = directives(meta!);
    const header = directives(appCsp());
    expect(page.get('connect-src')).toBe("'self'");
    // frame-ancestors is ignored in a meta tag; the header carries it.
    for (const [name, value] of header) if (name !== 'connect-src' && name !== 'frame-ancestors') expect(page.get(name), name).toBe(value);
    expect(meta).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});
