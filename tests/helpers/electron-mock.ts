// A stand-in for the `electron` module, for unit tests of electron/main and electron/preload
// (no Electron binary can run here). Records what our code asks Electron to do.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: Array<{ channel: string; args: unknown[] }> = [];
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  });
  send = vi.fn((channel: string, ...args: unknown[]) => {
    this.sent.push({ channel, args });
  });
  isDestroyed = vi.fn(() => false);
  /** Emits `event` with a preventable Electron-style event; returns whether it was prevented. */
  fire(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows = vi.fn(() => FakeBrowserWindow.instances);
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  loadURL = vi.fn(async () => undefined);
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  maximize = vi.fn();
  setMenuBarVisibility = vi.fn();
  close = vi.fn(() => this.emit('closed'));
  isDestroyed = vi.fn(() => false);
  isMinimized = vi.fn(() => true);
  isMaximized = vi.fn(() => false);
  getNormalBounds = vi.fn(() => ({ x: 10, y: 10, width: 1200, height: 800 }));
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    FakeBrowserWindow.instances.push(this);
  }
}

export function createElectronMock() {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const exposed: Record<string, unknown> = {};
  const rendererListeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: vi.fn((channel: string, handler: (...args: unknown[]) => unknown) => handlers.set(channel, handler)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
      handlers,
    },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, result: { channel, input } })),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        if (!rendererListeners.has(channel)) rendererListeners.set(channel, new Set());
        rendererListeners.get(channel)!.add(listener);
      }),
      removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => rendererListeners.get(channel)?.delete(listener)),
      listeners: rendererListeners,
    },
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, value: unknown) => {
        exposed[key] = value;
      }),
      exposed,
    },
    shell: { openExternal: vi.fn(async () => undefined), openPath: vi.fn(async () => '') },
    session: {
      defaultSession: Object.assign(new EventEmitter(), {
        webRequest: { onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      }),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    screen: { getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]) },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    app: (() => {
      const handlers = new Map<string, Array<(...args: unknown[]) => void>>();
      return {
        handlers,
        on: vi.fn((name: string, handler: (...args: unknown[]) => void) => handlers.set(name, [...(handlers.get(name) ?? []), handler])),
        emit: (name: string, ...args: unknown[]) => (handlers.get(name) ?? []).forEach((handler) => handler(...args)),
        whenReady: vi.fn(() => Promise.resolve()),
        requestSingleInstanceLock: vi.fn(() => true),
        getPath: vi.fn(() => process.env.SWITCHYARD_HOME ?? '/tmp'),
        setPath: vi.fn(),
        quit: vi.fn(),
        isPackaged: false,
      };
    })(),
  };
}
