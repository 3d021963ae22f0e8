import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../shared/api';
import type { HostContext } from '../../electron/host/context';
import { createTestHost, type TestHost } from '../helpers/host';
import type { createElectronMock, FakeBrowserWindow } from '../helpers/electron-mock';

vi.mock('electron', async () => (await import('../helpers/electron-mock')).createElectronMock());

const electron = (await import('electron')) as unknown as ReturnType<typeof createElectronMock>;
const { appCsp, installCsp } = await import('../../electron/main/csp');
const { createMainWindow } = await import('../../electron/main/window');
const { registerIpc, forwardEvents, isTrustedSender } = await import('../../electron/main/ipc');
const { isAllowedExternalUrl, isGitHubDevicePage, openExternalSafely } = await import('../../electron/main/navigation');
const { createLoginWindow, loginRoute } = await import('../../electron/main/login-window');
const { KEY_PAGES } = await import('../../shared/key-pages');
const { listProviders } = await import('../../electron/providers/catalog');

const RENDERER = 'file:///opt/Switchyard/resources/app.asar/dist/renderer/index.html';

/** What every window of the app must have: no Node in the page, the page kept in its sandbox. */
const LOCKED_DOWN = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  webviewTag: false,
  allowRunningInsecureContent: false,
  disableBlinkFeatures: 'Auxclick',
  preload: '/app/preload.cjs',
};

describe('Electron sign-in window', () => {
  it("has the main window's security settings and shows the login route of its sign-in", () => {
    const window = createLoginWindow('/app/preload.cjs', RENDERER, 'copilot', 'abc-123') as unknown as FakeBrowserWindow;
    expect(window.options.webPreferences).toMatchObject(LOCKED_DOWN);
    expect(window.options).toMatchObject({ title: 'Sign in to GitHub Copilot', resizable: false });
    expect(window.loadURL).toHaveBeenCalledWith(`${RENDERER}#/login/copilot/abc-123`);
    expect(loginRoute('http://localhost:5173/', 'copilot', 'x y')).toBe('http://localhost:5173/#/login/copilot/x%20y');
  });

  it('guards navigation like the main window and reports when it is closed', () => {
    const onClosed = vi.fn();
    const window = createLoginWindow('/app/preload.cjs', RENDERER, 'copilot', 'abc-123', null, onClosed) as unknown as FakeBrowserWindow;
    expect(window.webContents.fire('will-navigate', 'https://github.com/login/device')).toBe(true);
    expect(window.webContents.windowOpenHandler!({ url: 'https://github.com/login/device' })).toEqual({ action: 'deny' });
    window.emit('closed');
    expect(onClosed).toHaveBeenCalledOnce();
  });

  it('lets GitHub device pages (also on the Enterprise host of a sign-in) open in the system browser, nothing else new', () => {
    expect(isGitHubDevicePage('https://github.com/login/device')).toBe(true);
    expect(isGitHubDevicePage('https://github.example.com/login/device', ['github.example.com'])).toBe(true);
    // Any other https host with GitHub's path is a look-alike, not a sign-in the user started.
    expect(isGitHubDevicePage('https://github.example.com/login/device')).toBe(false);
    expect(isGitHubDevicePage('https://evil.example/login/device', ['github.example.com'])).toBe(false);
    expect(isGitHubDevicePage('http://github.example.com/login/device')).toBe(false);
    expect(isGitHubDevicePage('https://evil.example/phish')).toBe(false);
    expect(isGitHubDevicePage('https://evil.example/login/device?next=x')).toBe(false);
  });
});

describe('Electron main window', () => {
  it('uses contextIsolation, sandbox, no nodeIntegration and webSecurity', () => {
    const window = createMainWindow('/app/preload.cjs', RENDERER) as unknown as FakeBrowserWindow;
    expect(window.options.webPreferences).toMatchObject(LOCKED_DOWN);
  });

  it('restores remembered bounds', () => {
    const window = createMainWindow('/app/preload.cjs', RENDERER, {
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
    }) as unknown as FakeBrowserWindow;
    expect(window.options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700 });
  });

  it('denies window.open and navigation away from the renderer', () => {
    const window = createMainWindow('/app/preload.cjs', RENDERER) as unknown as FakeBrowserWindow;
    expect(window.loadURL).toHaveBeenCalledWith(RENDERER);
    expect(window.webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(window.webContents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(window.webContents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(window.webContents.fire('will-navigate', RENDERER)).toBe(false);
    expect(window.webContents.fire('will-attach-webview')).toBe(true);
  });

  it('opens only allow-listed https links externally', async () => {
    expect(isAllowedExternalUrl('https://github.com/login/device')).toBe(true);
    expect(isAllowedExternalUrl('http://github.com/login/device')).toBe(false);
    expect(isAllowedExternalUrl('https://github.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(await openExternalSafely('https://evil.example/')).toBe(false);
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    expect(await openExternalSafely('https://ollama.com/download')).toBe(true);
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://ollama.com/download');
  });
});

describe('"Get a key" links', () => {
  /** Cloud providers without a key page, and why; a new catalog row must be added to one list or the other. */
  const NO_KEY_PAGE: Record<string, string> = {
    'openai-codex': 'ChatGPT sign-in, no key',
    copilot: 'GitHub sign-in, no key',
    'qwen-code': 'Qwen sign-in',
    bailian: 'coding-plan key page not confirmed',
    astrai: 'key page not confirmed',
    avian: 'key page not confirmed',
    deepmyst: 'key page not confirmed',
    ovhcloud: 'key page not confirmed',
    anyscale: 'endpoints retired; key page not confirmed',
    lepton: 'key page not confirmed',
  };

  it('gives every cloud provider of the catalog a key page, or says why not', () => {
    const cloud = listProviders()
      .filter((p) => !p.local)
      .map((p) => p.key);
    const missing = cloud.filter((key) => !KEY_PAGES[key] && !NO_KEY_PAGE[key]);
    expect(missing).toEqual([]);
    // No stale rows: every key page belongs to a provider the catalog has.
    expect(Object.keys(KEY_PAGES).filter((key) => !cloud.includes(key))).toEqual([]);
  });

  it('opens every key page in the system browser', async () => {
    for (const [provider, page] of Object.entries(KEY_PAGES)) {
      expect(isAllowedExternalUrl(page), provider).toBe(true);
      electron.shell.openExternal.mockClear();
      expect(await openExternalSafely(page), provider).toBe(true);
      expect(electron.shell.openExternal).toHaveBeenCalledWith(page);
    }
  });

  it('still refuses a foreign host, also one that looks like a key page', async () => {
    electron.shell.openExternal.mockClear();
    for (const url of [
      'https://evil.example/keys',
      'https://console.groq.com.evil.example/keys',
      'http://console.groq.com/keys',
      'https://user:pw@console.groq.com/keys',
      'https://groq.com.evil.example/',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
      expect(await openExternalSafely(url), url).toBe(false);
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('Content-Security-Policy', () => {
  it('forbids eval, inline script and any network connection in production', () => {
    const csp = appCsp();
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
  });

  it('is attached to every response of the session', () => {
    const session = electron.session.defaultSession as unknown as Parameters<typeof installCsp>[0];
    installCsp(session);
    const listener = electron.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]![0] as (
      details: unknown,
      callback: (response: unknown) => void,
    ) => void;
    const callback = vi.fn();
    listener({ responseHeaders: { 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [appCsp()] } });
  });
});

describe('IPC registration', () => {
  let host: TestHost;
  let ctx: HostContext;
  beforeEach(async () => {
    host = await createTestHost({ transport: 'ipc' });
    ctx = host.ctx;
    electron.ipcMain.handlers.clear();
  });
  afterEach(() => host.cleanup());

  const invokeEvent = (url: string | null) => ({ senderFrame: url === null ? null : { url } });

  it('registers one handler per contract method', () => {
    registerIpc(electron.ipcMain as never, ctx, RENDERER);
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...methodNames].sort());
  });

  it('answers our own renderer', async () => {
    registerIpc(electron.ipcMain as never, ctx, RENDERER);
    const handler = electron.ipcMain.handlers.get('app.info')!;
    await expect(handler(invokeEvent(RENDERER), {})).resolves.toMatchObject({ ok: true, result: { transport: 'ipc' } });
  });

  it('rejects calls from any other frame', async () => {
    registerIpc(electron.ipcMain as never, ctx, RENDERER);
    const handler = electron.ipcMain.handlers.get('app.info')!;
    for (const url of ['https://evil.example/', 'file:///tmp/other.html', null]) {
      await expect(handler(invokeEvent(url), {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(isTrustedSender(invokeEvent(RENDERER) as never, RENDERER)).toBe(true);
  });

  it('accepts the dev server origin when the renderer is served by Vite', () => {
    expect(isTrustedSender(invokeEvent('http://127.0.0.1:5173/#x') as never, 'http://127.0.0.1:5173/')).toBe(true);
    expect(isTrustedSender(invokeEvent('http://127.0.0.1:5174/') as never, 'http://127.0.0.1:5173/')).toBe(false);
  });

  it('forwards events to live windows only', () => {
    const live = new (electron.BrowserWindow as unknown as typeof FakeBrowserWindow)({});
    const dead = new (electron.BrowserWindow as unknown as typeof FakeBrowserWindow)({});
    dead.webContents.isDestroyed.mockReturnValue(true);
    const stop = forwardEvents(ctx, () => [live.webContents, dead.webContents] as never);
    // Call the listener directly: the contract may not declare events yet.
    (ctx as unknown as { listeners: Set<(event: string, payload: unknown) => void> }).listeners.forEach((listener) =>
      listener('x.test', { n: 1 }),
    );
    expect(live.webContents.send).toHaveBeenCalledWith('switchyard:event', 'x.test', { n: 1 });
    expect(dead.webContents.send).not.toHaveBeenCalled();
    stop();
  });
});

describe('preload', () => {
  beforeEach(() => {
    vi.stubGlobal('__SWITCHYARD_METHODS__', ['app.info', 'app.ping']);
    vi.stubGlobal('__SWITCHYARD_EVENTS__', ['chat.delta']);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('exposes window.switchyard with invoke and on, and nothing else', async () => {
    vi.resetModules();
    await import('../../electron/preload/index');
    const exposed = electron.contextBridge.exposed.switchyard as Record<string, unknown>;
    expect(Object.keys(exposed).sort()).toEqual(['invoke', 'on']);
  });

  it('invokes only contract methods', async () => {
    vi.resetModules();
    const { bridge } = await import('../../electron/preload/index');
    await expect(bridge.invoke('app.info', {})).resolves.toEqual({ ok: true, result: { channel: 'app.info', input: {} } });
    await expect(bridge.invoke('shell.exec', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalledWith('shell.exec', expect.anything());
  });

  it('subscribes to one event and unsubscribes', async () => {
    vi.resetModules();
    const { bridge } = await import('../../electron/preload/index');
    const listener = vi.fn();
    const off = bridge.on('chat.delta', listener);
    const [ipcListener] = [...electron.ipcRenderer.listeners.get('switchyard:event')!];
    ipcListener!({}, 'chat.delta', { text: 'hi' });
    ipcListener!({}, 'other.event', { text: 'no' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith({ text: 'hi' });
    off();
    expect(electron.ipcRenderer.listeners.get('switchyard:event')!.has(ipcListener!)).toBe(false);
    expect(() => bridge.on('not.an.event', listener)).toThrow(/Unknown event/);
  });
});
