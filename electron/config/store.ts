// config.json, shared by every Switchyard process on this data folder: the app, browser mode and
// the CLI. Rules that keep their writes from erasing each other:
// - an update takes a cross-process lock (config.json.lock), re-reads the file, applies its change
//   to what is on disk now and writes; never to a copy read earlier;
// - a read re-reads the file when it changed on disk (inode, mtime, size), so the running app sees
//   what the CLI wrote, and the host is told (profiles.changed) when that happens;
// - each write goes to a temp file, is fsynced, then renamed over the old one, so a crash at any
//   moment leaves either the old or the new file, never a torn one.
// A file that is not JSON is moved aside (config.json.corrupt-<time>) and reported, never silently
// replaced. One bad profile, chain or route does not hide the rest: it is left out, reported, and
// written back untouched (see tolerant.ts).
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { copyFile, mkdir, open, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { AppError } from '../errors';
import { withFileLock } from './file-lock';
import { Config, defaultConfig, migrate } from './schema';
import { parseTolerantly, withSetAside, type ConfigProblem, type SetAside } from './tolerant';

export type { ConfigProblem } from './tolerant';

export interface Recovery {
  movedTo: string;
  reason: string;
}

/** Identifies one version of the file: an atomic write makes a new inode. */
type Stamp = string;

export class ConfigStore {
  readonly file: string;
  private cache: { config: Config; setAside: SetAside; stamp: Stamp } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Set when the file on disk could not be used (or only in part) and a copy was kept. */
  recovery: Recovery | null = null;
  /** Entries left out because they are broken; they stay in the file. */
  problems: ConfigProblem[] = [];
  /** Called when another process changed config.json. */
  onExternalChange: (() => void) | null = null;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'config.json');
  }

  /** The configuration as it is on disk now. */
  async read(): Promise<Config> {
    return structuredClone(await this.serialize(() => this.current()));
  }

  /**
   * Applies `mutator` to the configuration on disk and writes the result, holding the cross-process
   * lock from the read to the write, so that no other process's update is lost.
   */
  async update(mutator: (config: Config) => Config | void | Promise<Config | void>): Promise<Config> {
    return this.serialize(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      return withFileLock(`${this.file}.lock`, async () => {
        const current = await this.current();
        const draft = structuredClone(current);
        const parsed = Config.safeParse((await mutator(draft)) ?? draft);
        if (!parsed.success)
          throw new AppError(
            'invalid_input',
            `That change would make the configuration invalid: ${parsed.error.issues
              .slice(0, 3)
              .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
              .join('; ')}`,
          );
        const next = parsed.data;
        const { setAside } = this.cache!;
        await this.write(next, setAside);
        this.cache = { config: next, setAside, stamp: stampOf(await stat(this.file)) };
        return structuredClone(next);
      });
    });
  }

  /** Re-reads the file if it changed; tells onExternalChange when it was not this store's write. */
  async refresh(): Promise<void> {
    await this.serialize(() => this.current());
  }

  /** Waits for pending writes (quit flushes through this). */
  flush(): Promise<void> {
    return this.queue.then(
      () => undefined,
      () => undefined,
    );
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The cached config while the file is unchanged; otherwise the file read again. */
  private async current(): Promise<Config> {
    // One stat answers the common case (nothing changed) without reading the file.
    if (this.cache && this.cache.stamp === (await stat(this.file).then(stampOf, () => 'none'))) return this.cache.config;
    const snapshot = await this.snapshot();
    if (this.cache && this.cache.stamp === snapshot.stamp) return this.cache.config;
    const hadCache = this.cache !== null;
    const { config, setAside } = await this.parse(snapshot.text);
    this.cache = { config, setAside, stamp: snapshot.stamp };
    if (hadCache) this.onExternalChange?.();
    return config;
  }

  /** The text and the stamp of one version of the file (stat and read on the same descriptor). */
  private async snapshot(): Promise<{ text: string | null; stamp: Stamp }> {
    let handle;
    try {
      handle = await open(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: null, stamp: 'none' };
      throw new AppError('config_unreadable', `Cannot read ${this.file}: ${(error as Error).message}`);
    }
    try {
      const stamp = stampOf(await handle.stat());
      return { text: await handle.readFile('utf8'), stamp };
    } finally {
      await handle.close();
    }
  }

  private async parse(text: string | null): Promise<{ config: Config; setAside: SetAside }> {
    const none: SetAside = { profiles: [], chains: [], routes: [] };
    this.problems = [];
    if (text === null) return { config: defaultConfig(), setAside: none };
    let raw: unknown;
    try {
      raw = migrate(JSON.parse(text));
    } catch (error) {
      this.recovery = { movedTo: await this.keepCopy('move'), reason: `not valid JSON (${(error as Error).message})` };
      return { config: defaultConfig(), setAside: none };
    }
    const result = parseTolerantly(raw);
    if (!result.ok) {
      this.recovery = { movedTo: await this.keepCopy('move'), reason: result.reason };
      return { config: defaultConfig(), setAside: none };
    }
    this.problems = result.problems;
    // Settings that cannot be used are replaced by defaults on the next write: keep a copy first.
    if (result.settingsProblem)
      this.recovery = {
        movedTo: await this.keepCopy('copy'),
        reason: `${result.settingsProblem}; the settings are back to their defaults, profiles, chains and routes were kept`,
      };
    return { config: result.config, setAside: result.setAside };
  }

  /** config.json.corrupt-<time>: the file moved aside, or a copy of it. */
  private async keepCopy(how: 'move' | 'copy'): Promise<string> {
    const to = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await (how === 'move' ? rename(this.file, to) : copyFile(this.file, to));
    } catch (error) {
      // Another process moved it aside first.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return to;
  }

  private async write(config: Config, setAside: SetAside): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify(withSetAside(config, setAside), null, 2)}\n`, { fsync: true, mode: 0o600 });
  }
}

function stampOf(stats: { ino: number; mtimeMs: number; size: number }): Stamp {
  return `${stats.ino}:${stats.mtimeMs}:${stats.size}`;
}

/**
 * Tells the host when another process (the CLI, a second window) changed config.json, so open
 * pages refresh. Reads still re-check the file on their own; this is only for the event.
 */
export function watchForOtherWriters(store: ConfigStore): FSWatcher | null {
  try {
    mkdirSync(path.dirname(store.file), { recursive: true });
    const watcher = watch(path.dirname(store.file), { persistent: false }, (_event, name) => {
      if (name === path.basename(store.file)) void store.refresh().catch(() => undefined);
    });
    watcher.on('error', () => watcher.close());
    return watcher;
  } catch {
    return null; // no watching here (a read-only folder): reads still re-check the file
  }
}
