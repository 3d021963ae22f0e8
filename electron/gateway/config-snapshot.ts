// The configuration as the gateway reads it on every request: one shared, frozen copy, taken again
// from the store only when the file changed (every write replaces it, so its inode, size or mtime
// move). A request costs one stat instead of a full copy of the config, and a token created or
// revoked by another Switchyard process (`switchyard gateway token revoke` while the app runs)
// counts from the next request on: the store re-reads a file another process changed.
import { statSync } from 'node:fs';
import type { HostContext } from '../host/context';
import type { Config } from '../config/schema';

export interface ConfigSnapshot {
  /** Shared and frozen: never mutate; the identity changes when the file does. */
  config: Readonly<Config>;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

class ConfigSnapshots {
  private stamp = '';
  private current: ConfigSnapshot | null = null;

  constructor(private readonly ctx: HostContext) {}

  async get(): Promise<ConfigSnapshot> {
    const store = this.ctx.config;
    let stamp = 'missing';
    try {
      const info = statSync(store.file);
      stamp = `${info.ino}:${info.size}:${info.mtimeMs}`;
    } catch {
      // no file yet: the store's defaults
    }
    if (this.current && stamp === this.stamp) return this.current;
    // The store re-reads the file when it changed, whoever wrote it.
    const config = await store.read();
    this.stamp = stamp;
    this.current = { config: deepFreeze(config) };
    return this.current;
  }
}

export const configSnapshots = (ctx: HostContext) => new ConfigSnapshots(ctx);
