// The configuration as the gateway reads it on every request: the file on disk, re-read only when
// it changed (every write replaces it, so its inode, size or mtime move). Two things follow: a
// request costs one stat instead of a full copy of the config, and a token created or revoked by
// another Switchyard process (`switchyard gateway token revoke` while the app runs) counts from
// the next request on, since the file is the one truth all processes write to.
import { readFileSync, statSync } from 'node:fs';
import type { HostContext } from '../api/context';
import { Config, migrate } from '../config/schema';
import { configStore } from '../config/store';

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
    const store = this.ctx.use(configStore);
    let stamp = 'missing';
    try {
      const info = statSync(store.file);
      stamp = `${info.ino}:${info.size}:${info.mtimeMs}`;
    } catch {
      // no file yet: the store's defaults
    }
    if (this.current && stamp === this.stamp) return this.current;
    let config: Config | null = null;
    if (stamp !== 'missing') {
      try {
        const parsed = Config.safeParse(migrate(JSON.parse(readFileSync(store.file, 'utf8'))));
        if (parsed.success) config = parsed.data;
      } catch {
        // half-written by another process, or unreadable: the store reports and recovers
      }
    }
    config ??= await store.read();
    this.stamp = stamp;
    this.current = { config: deepFreeze(config) };
    return this.current;
  }
}

export const configSnapshots = (ctx: HostContext) => new ConfigSnapshots(ctx);
