// API keys live in the OS keychain (keytar: macOS Keychain, Windows Credential Manager, the Secret
// Service on Linux), one entry per profile and key slot. Every call has a timeout, because a locked
// keyring can block forever waiting for a prompt, and fails with a typed error the UI can explain.
// There is no silent plaintext fallback: only with an explicit opt-in are keys kept in memory.
//
// A locked Linux keyring needs care: keytar's getPassword answers null (as for a missing key), and
// its findCredentials crashes the process. So on Linux this module never calls findCredentials; it
// asks the Secret Service for the lock state over D-Bus (secret-service.ts), and which profile slot
// has a key is recorded in config.json (never the key itself).
import { AppError } from '../errors';
import { registerSecret } from './redact';
import { keyringState, type KeyringState } from './secret-service';

export type KeychainErrorCode = 'keychain_unavailable' | 'keychain_locked' | 'keychain_timeout';

export interface SecretStore {
  readonly backend: string;
  /** The key, or null when there is none; a locked keyring is an error (keychain_locked), never null. */
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Resolves when keys can be read and saved now; throws the typed error otherwise. Reads no secret. */
  check(): Promise<void>;
  /** The accounts stored for this service (tests and cleanup); reads no secret on Linux. */
  list(): Promise<string[]>;
}

export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 5_000;

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

function backendName(): string {
  return process.platform === 'darwin'
    ? 'macOS Keychain'
    : process.platform === 'win32'
      ? 'Windows Credential Manager'
      : 'Secret Service (GNOME Keyring / KWallet)';
}

/** The keyring is locked: say so, and how to unlock it. Nothing is sent without its key. */
export function keychainLocked(detail?: string): AppError {
  const how =
    process.platform === 'darwin'
      ? 'Unlock it in Keychain Access (or allow Switchyard when macOS asks)'
      : process.platform === 'win32'
        ? 'Sign in to Windows again'
        : 'Unlock it: log in to your desktop session again, or open "Passwords and Keys" (Seahorse) and unlock the Login keyring';
  return new AppError(
    'keychain_locked',
    `Your keyring is locked${detail ? ` (${detail})` : ''}, so Switchyard cannot read or save keys. ${how}, then try again. No request is sent without its key.`,
  );
}

/** Turns what keytar and libsecret say into one of our three codes, with a next step. */
export function keychainError(error: unknown): AppError {
  const text = error instanceof Error ? error.message : String(error);
  if (/locked|prompt|dismissed|denied|not allowed|cancel/i.test(text)) return keychainLocked(text);
  return new AppError(
    'keychain_unavailable',
    `No keychain is available (${text}). On Linux, install and start gnome-keyring or KWallet (a Secret Service); keys from environment variables still work.`,
  );
}

export class KeytarStore implements SecretStore {
  readonly backend = backendName();
  private keytar: Promise<Keytar> | null = null;
  /** The Linux path: lock state over D-Bus instead of keytar's crashing findCredentials. */
  private readonly secretService: boolean;

  constructor(
    private readonly service: string,
    private readonly timeoutMs = DEFAULT_KEYCHAIN_TIMEOUT_MS,
    /** The environment libsecret sees (its D-Bus session). */
    private readonly env: NodeJS.ProcessEnv = process.env,
    platform: NodeJS.Platform = process.platform,
  ) {
    this.secretService = platform !== 'darwin' && platform !== 'win32';
  }

  private load(): Promise<Keytar> {
    // Loaded on first use so that a missing native module or D-Bus is a typed error, not a crash.
    this.keytar ??= import('keytar').then((module) => (module as { default?: Keytar }).default ?? (module as unknown as Keytar));
    return this.keytar;
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new AppError(
              'keychain_timeout',
              `The keychain did not answer within ${this.timeoutMs / 1000} s while trying to ${what}. It may be locked and waiting for a password prompt.`,
            ),
          ),
        this.timeoutMs,
      );
      timer.unref();
    });
    try {
      return await Promise.race([fn(), timeout]);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw keychainError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  private keytarCall<T>(what: string, fn: (keytar: Keytar) => Promise<T>): Promise<T> {
    return this.call(what, () => this.load().then(fn));
  }

  /** The Secret Service's view of this service's items; a Secret Service that cannot be reached is "unavailable". */
  private state(what: string): Promise<KeyringState> {
    return this.call(what, () =>
      keyringState(this.service, this.env, this.timeoutMs).catch((error: unknown) => {
        throw new AppError(
          'keychain_unavailable',
          `No keychain is available (${(error as Error).message}). On Linux, install and start gnome-keyring or KWallet (a Secret Service); keys from environment variables still work.`,
        );
      }),
    );
  }

  async get(account: string): Promise<string | null> {
    const value = await this.keytarCall('read a key', (k) => k.getPassword(this.service, account));
    if (value) {
      registerSecret(value);
      return value;
    }
    // libsecret answers "nothing" when it could not unlock the keyring (no prompt possible, or the
    // prompt was dismissed): tell that apart from a key that is really not there.
    if (this.secretService) {
      const state = await this.state('check whether the keyring is locked').catch(() => null);
      if (state && (state.locked > 0 || state.defaultLocked)) throw keychainLocked();
    }
    return null;
  }

  async set(account: string, value: string): Promise<void> {
    registerSecret(value);
    await this.keytarCall('save a key', (k) => k.setPassword(this.service, account, value));
  }

  delete(account: string): Promise<boolean> {
    return this.keytarCall('delete a key', (k) => k.deletePassword(this.service, account));
  }

  async check(): Promise<void> {
    if (this.secretService) {
      const state = await this.state('check the keyring');
      if (state.locked > 0 || state.defaultLocked) throw keychainLocked();
      return;
    }
    // macOS and Windows: a read of an entry that does not exist answers without a prompt.
    await this.keytarCall('check the keychain', (k) => k.getPassword(this.service, 'switchyard:probe'));
  }

  async list(): Promise<string[]> {
    if (this.secretService) {
      const state = await this.state('list keys');
      if (state.locked > 0) throw keychainLocked();
      return [...state.unlocked].sort();
    }
    // findCredentials is safe on macOS and Windows; the crash is in its libsecret code.
    const credentials = await this.keytarCall('list keys', (k) => k.findCredentials(this.service));
    for (const { password } of credentials) registerSecret(password);
    return credentials.map((credential) => credential.account).sort();
  }
}

/** Keys kept for this run only, when the user explicitly allowed it and no keychain exists. */
export class MemoryStore implements SecretStore {
  readonly backend = 'memory (this session only)';
  private readonly values = new Map<string, string>();
  async get(account: string) {
    return this.values.get(account) ?? null;
  }
  async set(account: string, value: string) {
    registerSecret(value);
    this.values.set(account, value);
  }
  async delete(account: string) {
    return this.values.delete(account);
  }
  async check() {}
  async list() {
    return [...this.values.keys()].sort();
  }
}

export function keyAccount(profileId: string, slot: number): string {
  return `profile:${profileId}:slot:${slot}`;
}

export const memorySecretStore = (): MemoryStore => new MemoryStore();

/** The masked form the UI shows: the first three and last four characters. */
export function keyHint(key: string): string {
  const trimmed = key.trim();
  if (trimmed.length <= 10) return '…' + trimmed.slice(-2);
  return `${trimmed.slice(0, 3)}…${trimmed.slice(-4)}`;
}
