// The keys a test host put in the OS keychain, under its own service name, removed in afterEach.
import { KeytarStore } from '../../electron/secrets/keychain';
import type { TestHost } from './host';

export async function forgetHostKeys(host: Pick<TestHost, 'keychainService'>): Promise<void> {
  const store = new KeytarStore(host.keychainService);
  for (const account of await store.list()) await store.delete(account);
}
