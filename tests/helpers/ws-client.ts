// A minimal browser-mode client for integration tests and benchmarks: connects with the token and
// invokes methods over the real WebSocket transport.
import WebSocket from 'ws';
import type { Envelope, ServerFrame } from '../../shared/contract';

export interface WsClient {
  socket: WebSocket;
  invoke(method: string, input?: unknown): Promise<Envelope<unknown>>;
  events: Array<{ event: string; payload: unknown }>;
  close(): Promise<void>;
}

export interface Refusal {
  code: number;
  reason: string;
}

/** Connects and resolves once the server says hello, or rejects with the close code and reason. */
export function connectWs(url: string, headers: Record<string, string> = {}): Promise<WsClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
    const events: WsClient['events'] = [];
    let nextId = 1;
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.type === 'hello') {
        resolve({
          socket,
          events,
          invoke(method, input = {}) {
            const id = nextId++;
            socket.send(JSON.stringify({ type: 'invoke', id, method, input }));
            return new Promise((done) => pending.set(id, done));
          },
          close() {
            return new Promise((done) => {
              if (socket.readyState === WebSocket.CLOSED) return done();
              socket.once('close', () => done());
              socket.close();
            });
          },
        });
      } else if (frame.type === 'result') {
        pending.get(frame.id)?.(frame.envelope);
        pending.delete(frame.id);
      } else if (frame.type === 'event') {
        events.push({ event: frame.event, payload: frame.payload });
      }
    });
    socket.on('close', (code, reason) => reject({ code, reason: reason.toString() } satisfies Refusal));
    socket.on('error', (error) => reject(error));
  });
}
