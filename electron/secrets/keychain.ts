// API keys live in the OS keychain (keytar: macOS Keychain, Windows Credential Manager, the Secret
// Service on Linux), one entry per profile and key slot. Every call has a timeout, because a locked
// keyring can block forever waiting for a prompt, and fails with a typed error the UI can explain.
// There is no silent plaintext fallback: only with an explicit opt-in are keys kept in memory.
import { AppError } from '../errors';
import { registerSecret } from './redact';

export type KeychainErrorCode = 'keychain_unavailable' | 'keychain_locked' | 'keychain_timeout';

export interface SecretStore {
  readonly backend: string;
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<boolean>;
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
  return process.platform === 'darwin' ? 'macOS Keychain' : process.platform === 'win32' ? 'Windows Credential Manager' : 'Secret Service (GNOME Keyring / KWallet)';
}

/** Turns what keytar and libsecret say into one of our three codes, with a next step. */
export function keychainError(error: unknown): AppError {
  const text = error instanceof Error ? error.message : String(error);
  if (/locked|prompt|dismissed|denied|not allowed|cancel/i.test(text)) {
    return new AppError('keychain_locked', `The keychain refused access (${text}). Unlock your keyring or allow Switchyard, then try again.`);
  }
  return new AppError('keychain_unavailable', `No keychain is available (${text}). On Linux, install and start gnome-keyring or KWallet (a Secret Service); keys from environment variables still work.`);
}

export class KeytarStore implements SecretStore {
  readonly backend = backendName();
  private keytar: Promise<Keytar> | null = null;

  constructor(
    private readonly service: string,
    private readonly timeoutMs = DEFAULT_KEYCHAIN_TIMEOUT_MS,
  ) {}

  private load(): Promise<Keytar> {
    // Loaded on first use so that a missing native module or D-Bus is a typed error, not a crash.
    this.keytar ??= import('keytar').then((module) => ((module as { default?: Keytar }).default ?? (module as unknown as Keytar)));
    return this.keytar;
  }

  private async call<T>(what: string, fn: (keytar: Keytar) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError('keychain_timeout', `The keychain did not answer within ${this.timeoutMs / 1000} s while trying to ${what}. It may be locked and waiting for a password prompt.`)), this.timeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([this.load().then(fn), timeout]);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw keychainError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  async get(account: string): Promise<string | null> {
    const value = await this.call('read a key', (k) => k.getPassword(this.service, account));
    if (value) registerSecret(value);
    return value;
  }

  async set(account: string, value: string): Promise<void> {
    registerSecret(value);
    await this.call('save a key', (k) => k.setPassword(this.service, account, value));
  }

  delete(account: string): Promise<boolean> {
    return this.call('delete a key', (k) => k.deletePassword(this.service, account));
  }

  async list(): Promise<string[]> {
    const credentials = await this.call('list keys', (k) => k.findCredentials(this.service));
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
