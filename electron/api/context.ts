// What every handler gets: where data lives, how to emit events toward the renderer, and a small
// service container so that a domain can create its service once per host without a central
// registry (each service module exports its own factory; see `use`).
import { events, isEventName, type EventName, type EventPayload } from '../../shared/api';
import type { EventSpec } from '../../shared/contract';
import { redactDeep } from '../secrets/redact';

export interface HostOptions {
  dataDir: string;
  /** Keychain service name: `Switchyard` in the app; a unique name per test. */
  keychainService: string;
  transport: 'ipc' | 'websocket' | 'cli';
  appVersion: string;
  electronVersion: string | null;
  env?: NodeJS.ProcessEnv;
  /** Opens a folder in the file manager; only the Electron host can (shell.openPath). */
  openPath?: (folder: string) => Promise<void>;
  /** Opens a sign-in in its own small window; only the Electron host can. */
  openLoginWindow?: (kind: 'copilot' | 'codex', loginId: string) => void;
  /** Opens an https page in the system browser; only the Electron host can (browser mode opens it itself). */
  openInBrowser?: (url: string) => Promise<boolean>;
}

export type ServiceFactory<T> = (ctx: HostContext) => T;
export type EventListener = (event: EventName, payload: unknown) => void;

export class HostContext {
  readonly options: HostOptions;
  readonly env: NodeJS.ProcessEnv;
  private readonly services = new Map<ServiceFactory<unknown>, unknown>();
  private readonly listeners = new Set<EventListener>();
  private readonly disposers: Array<() => void | Promise<void>> = [];

  constructor(options: HostOptions) {
    this.options = options;
    this.env = options.env ?? process.env;
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  /** One instance of a service per host, created on first use. */
  use<T>(factory: ServiceFactory<T>): T {
    if (!this.services.has(factory)) this.services.set(factory, factory(this));
    return this.services.get(factory) as T;
  }

  /** Sends an event to every connected renderer. The payload is validated and scrubbed first. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (!isEventName(event)) throw new Error(`Unknown event ${String(event)}`);
    const spec = (events as Record<string, EventSpec>)[event]!;
    const parsed = spec.payload.parse(payload);
    const safe = redactDeep(parsed);
    for (const listener of this.listeners) listener(event, safe);
  }

  /** Transports subscribe here to forward events; returns an unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onDispose(disposer: () => void | Promise<void>): void {
    this.disposers.push(disposer);
  }

  /** Stops running work (streams, pulls, timers) and flushes pending writes; used on quit. */
  async dispose(): Promise<void> {
    const pending = this.disposers.splice(0).reverse();
    for (const disposer of pending) await disposer();
    this.listeners.clear();
  }
}
