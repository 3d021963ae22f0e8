// The typed API the rest of the renderer uses: `api.invoke('app.info', {})` resolves to the
// method's result or throws ApiCallError with a code and a message a person can read.
import type { EventName, EventPayload, MethodInput, MethodName, MethodResult } from '../../../shared/api';
import { ApiCallError } from '../../../shared/contract';
import { ipcTransport, type ConnectionStatus, type Transport } from './transport';
import { browserModeSocketUrl, websocketTransport } from './websocket-transport';

function missingTokenTransport(): Transport {
  const reason = 'This page was opened without its access token. Open the URL that `npm run web` printed (it ends in #token=…).';
  return {
    kind: 'websocket',
    invoke: async () => ({ ok: false, error: { code: 'disconnected', message: reason } }),
    on: () => () => undefined,
    onStatus: (listener) => {
      listener('lost', reason);
      return () => undefined;
    },
  };
}

function pickTransport(): Transport {
  if (window.switchyard) return ipcTransport(window.switchyard);
  const url = browserModeSocketUrl(window.location);
  return url ? websocketTransport(url) : missingTokenTransport();
}

const transport = pickTransport();

export const api = {
  transportKind: transport.kind,

  async invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
    const envelope = await transport.invoke(method, input);
    if (!envelope.ok) throw new ApiCallError(envelope.error);
    return envelope.result as MethodResult<M>;
  },

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return transport.on(event, listener as (payload: unknown) => void);
  },

  onStatus(listener: (status: ConnectionStatus, reason?: string) => void): () => void {
    return transport.onStatus(listener);
  },
};

// Stores import errorMessage from here as before; pages and components take it from ../errors.
export { errorMessage } from '../errors';

export type { ConnectionStatus };
