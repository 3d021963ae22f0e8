// How the renderer reaches the host. Under Electron the preload's `window.switchyard` is the
// transport; in browser mode a WebSocket carrying the same envelopes. Nothing outside src/api/
// knows which one is in use.
import type { SwitchyardBridge } from '../../../shared/api';

declare global {
  interface Window {
    switchyard?: SwitchyardBridge;
  }
}

export type ConnectionStatus = 'connecting' | 'open' | 'lost';

export interface Transport extends SwitchyardBridge {
  readonly kind: 'ipc' | 'websocket';
  onStatus(listener: (status: ConnectionStatus, reason?: string) => void): () => void;
}

export function ipcTransport(bridge: SwitchyardBridge): Transport {
  return {
    kind: 'ipc',
    invoke: (method, input) => bridge.invoke(method, input),
    on: (event, listener) => bridge.on(event, listener),
    onStatus: (listener) => {
      listener('open');
      return () => undefined;
    },
  };
}
