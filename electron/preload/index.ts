// Exposes `window.switchyard` with `invoke` and `on`, and nothing else. Sandboxed preloads cannot
// require modules, so the method and event names are inlined by the bundler (scripts/build-electron.mjs).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

declare const __SWITCHYARD_METHODS__: string[];
declare const __SWITCHYARD_EVENTS__: string[];

const EVENT_CHANNEL = 'switchyard:event';
const allowedMethods = new Set(__SWITCHYARD_METHODS__);
const allowedEvents = new Set(__SWITCHYARD_EVENTS__);

export const bridge = {
  invoke(method: string, input: unknown): Promise<unknown> {
    if (!allowedMethods.has(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_method', message: `There is no API method called ${JSON.stringify(method)}.` },
      });
    }
    return ipcRenderer.invoke(method, input);
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!allowedEvents.has(event)) throw new Error(`Unknown event ${JSON.stringify(event)}`);
    const handler = (_ipcEvent: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('switchyard', bridge);
