// A host context for tests: its own data folder in a temp dir and its own keychain service name,
// so no test touches a person's real data. Call `cleanup()` in afterEach.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HostContext, type HostOptions } from '../../electron/host/context';

export interface TestHost {
  ctx: HostContext;
  dataDir: string;
  keychainService: string;
  events: Array<{ event: string; payload: unknown }>;
  cleanup(): Promise<void>;
}

export async function createTestHost(overrides: Partial<HostOptions> = {}): Promise<TestHost> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-test-'));
  const keychainService = `Switchyard-test-${randomBytes(6).toString('hex')}`;
  const ctx = new HostContext({
    dataDir,
    keychainService,
    transport: 'websocket',
    appVersion: '0.0.0-test',
    electronVersion: null,
    env: {},
    ...overrides,
  });
  const events: TestHost['events'] = [];
  ctx.subscribe((event, payload) => events.push({ event, payload }));
  return {
    ctx,
    dataDir,
    keychainService,
    events,
    async cleanup() {
      await ctx.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
