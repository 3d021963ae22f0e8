// Browser mode's transport: invoke/result/event frames over one WebSocket, with automatic
// reconnect (backoff up to 5 s) and every pending call failed clearly when the link drops.
import { MAX_WS_MESSAGE_BYTES, type Envelope, type ServerFrame } from '../../../shared/contract';
import type { ConnectionStatus, Transport } from './transport';

const MAX_BACKOFF_MS = 5_000;

interface Pending {
  resolve: (envelope: Envelope<unknown>) => void;
}

/** Close codes the server uses to refuse us; reconnecting would not help. */
const FATAL_CLOSE_CODES = new Set([4401, 4403]);
/** RFC 6455's "message too big": the host refused a frame over MAX_WS_MESSAGE_BYTES. */
const MESSAGE_TOO_BIG = 1009;

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** The frame's size in bytes when it is over the limit, else null (counted only when it could be: UTF-8 takes ≤ 3 bytes per UTF-16 unit). */
function oversizeBytes(frame: string): number | null {
  if (frame.length * 3 <= MAX_WS_MESSAGE_BYTES) return null;
  const bytes = new TextEncoder().encode(frame).length;
  return bytes > MAX_WS_MESSAGE_BYTES ? bytes : null;
}

export function websocketTransport(url: string): Transport {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let backoff = 250;
  let status: ConnectionStatus = 'connecting';
  let lastReason: string | undefined;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus, reason?: string) => void>();

  function setStatus(next: ConnectionStatus, reason?: string): void {
    status = next;
    lastReason = reason;
    for (const listener of statusListeners) listener(next, reason);
  }

  function failPending(message: string): void {
    for (const [id, call] of pending) {
      call.resolve({ ok: false, error: { code: 'disconnected', message } });
      pending.delete(id);
    }
  }

  function connect(): void {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      backoff = 250;
      setStatus('open');
      for (const frame of queue.splice(0)) ws.send(frame);
    };
    ws.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as ServerFrame;
      if (frame.type === 'result') {
        pending.get(frame.id)?.resolve(frame.envelope);
        pending.delete(frame.id);
      } else if (frame.type === 'event') {
        for (const listener of eventListeners.get(frame.event) ?? []) listener(frame.payload);
      }
    };
    ws.onclose = (closed) => {
      socket = null;
      const reason =
        closed.reason ||
        (closed.code === MESSAGE_TOO_BIG
          ? `Switchyard refused a message larger than ${megabytes(MAX_WS_MESSAGE_BYTES)}.`
          : 'The connection to Switchyard was lost.');
      failPending(`${reason} The request may not have completed.`);
      if (FATAL_CLOSE_CODES.has(closed.code)) {
        setStatus('lost', reason);
        return;
      }
      setStatus('lost', `${reason} Reconnecting…`);
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
  }

  connect();

  return {
    kind: 'websocket',
    invoke(method, input) {
      const id = nextId++;
      const frame = JSON.stringify({ type: 'invoke', id, method, input });
      const tooLarge = oversizeBytes(frame);
      if (tooLarge !== null) {
        // Sending it would only get the connection closed; say so and keep the link up.
        const message = `This request is ${megabytes(tooLarge)}; Switchyard accepts at most ${megabytes(MAX_WS_MESSAGE_BYTES)} at a time. Shorten it or split it into parts.`;
        return Promise.resolve({ ok: false, error: { code: 'too_large', message } });
      }
      return new Promise((resolve) => {
        pending.set(id, { resolve });
        if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
        else queue.push(frame);
      });
    },
    on(event, listener) {
      let listeners = eventListeners.get(event);
      if (!listeners) eventListeners.set(event, (listeners = new Set()));
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status, lastReason);
      return () => statusListeners.delete(listener);
    },
  };
}

/** The token travels in the URL fragment, which the browser never sends to any server. */
export function browserModeSocketUrl(location: Location): string | null {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (!token) return null;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws?token=${encodeURIComponent(token)}`;
}
