// What every service and handler gets: where data lives, the config file and the keychain, how to
// emit events toward the renderer, and a small service container so that a domain can create its
// service once per host without a central registry (each service module exports its own factory;
// see `use`). It sits below the services, so they use it without importing a layer above them.
import { events, isEventName, type EventName, type EventPayload } from '../../shared/api';
import type { EventSpec } from '../../shared/contract';
import { ConfigStore, watchForOtherWriters } from '../config/store';
import { DEFAULT_KEYCHAIN_TIMEOUT_MS, KeytarStore } from '../secrets/keychain';
import { redactDeep, redactSecrets } from '../secrets/redact';

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
  /** Where the host logs what it could not deliver (already scrubbed); stderr unless a test listens. */
  log?: (line: string) => void;
}

/** The ids in a payload that tell the page which answer or comparison an undeliverable event was for. */
function idsOf(payload: unknown): { streamId?: string; runId?: string } {
  const { streamId, runId } = (payload ?? {}) as { streamId?: unknown; runId?: unknown };
  return { ...(typeof streamId === 'string' && { streamId }), ...(typeof runId === 'string' && { runId }) };
}

export type ServiceFactory<T> = (ctx: HostContext) => T;
export type EventListener = (event: EventName, payload: unknown) => void;

export class HostContext {
  readonly options: HostOptions;
  readonly env: NodeJS.ProcessEnv;
  private configStore: ConfigStore | null = null;
  private keytarStore: KeytarStore | null = null;
  private readonly services = new Map<ServiceFactory<unknown>, unknown>();
  private readonly listeners = new Set<EventListener>();
  private readonly disposers: Array<() => void | Promise<void>> = [];

  constructor(options: HostOptions) {
    this.options = options;
    this.env = options.env ?? process.env;
  }

  private log(line: string): void {
    (this.options.log ?? ((text: string) => console.error(text)))(line);
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  /** config.json, opened on first use; pending writes are flushed on dispose. */
  get config(): ConfigStore {
    if (!this.configStore) {
      const store = new ConfigStore(this.dataDir);
      if (this.options.transport !== 'cli') {
        // Another process (the CLI, a second window) changed the file: open pages refresh.
        store.onExternalChange = () => this.emit('profiles.changed', {});
        const watcher = watchForOtherWriters(store);
        this.onDispose(() => watcher?.close());
      }
      this.onDispose(() => store.flush());
      this.configStore = store;
    }
    return this.configStore;
  }

  /** The OS keychain under this host's service name. */
  get keychain(): KeytarStore {
    this.keytarStore ??= new KeytarStore(
      this.options.keychainService,
      Number(this.env.SWITCHYARD_KEYCHAIN_TIMEOUT_MS) || DEFAULT_KEYCHAIN_TIMEOUT_MS,
    );
    return this.keytarStore;
  }

  /** One instance of a service per host, created on first use. */
  use<T>(factory: ServiceFactory<T>): T {
    if (!this.services.has(factory)) this.services.set(factory, factory(this));
    return this.services.get(factory) as T;
  }

  /**
   * Sends an event to every connected renderer. The payload is validated and scrubbed first. It
   * never throws: emit runs at the end of streams and runs that nobody awaits, where a throw would
   * become an unhandled rejection. An invalid payload is logged (scrubbed) and replaced by an
   * `app.eventFailed` event, so the page can end the answer or run it was waiting for.
   */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const spec = isEventName(event) ? (events as Record<string, EventSpec>)[event]! : undefined;
    const parsed = spec?.payload.safeParse(payload);
    if (!parsed?.success) {
      const problems = parsed
        ? parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(payload)'}: ${issue.message}`).join('; ')
        : 'no such event';
      const message = redactSecrets(`Switchyard could not deliver ${String(event)}: ${problems}`);
      this.log(message);
      if (event !== 'app.eventFailed')
        this.emit('app.eventFailed', { event: String(event), code: 'invalid_event', message, ...idsOf(payload) });
      return;
    }
    const safe = redactDeep(parsed.data);
    for (const listener of this.listeners) {
      try {
        listener(event, safe);
      } catch (error) {
        // One broken transport must not keep the event from the others.
        this.log(redactSecrets(`Switchyard could not forward ${event}: ${error instanceof Error ? error.message : String(error)}`));
      }
    }
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
