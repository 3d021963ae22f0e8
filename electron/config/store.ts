// config.json: read once, cached, and written through a single queue so that concurrent API calls
// never lose an update. Each write goes to a temp file, is fsynced, then renamed over the old one, so
// a crash at any moment leaves either the old or the new file, never a torn one. A file that cannot
// be read is moved aside (config.json.corrupt-<time>) and reported, never silently replaced.
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { AppError } from '../errors';
import { Config, defaultConfig, migrate } from './schema';

export interface Recovery {
  movedTo: string;
  reason: string;
}

export class ConfigStore {
  readonly file: string;
  private cache: Config | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Set when the file on disk could not be used and was moved aside. */
  recovery: Recovery | null = null;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'config.json');
  }

  async read(): Promise<Config> {
    if (!this.cache) this.cache = await this.serialize(() => this.load());
    return structuredClone(this.cache);
  }

  /** Applies `mutator` to the latest config and writes the result; one writer at a time. */
  async update(mutator: (config: Config) => Config | void | Promise<Config | void>): Promise<Config> {
    return this.serialize(async () => {
      const current = this.cache ?? (await this.load());
      const draft = structuredClone(current);
      const next = Config.parse((await mutator(draft)) ?? draft);
      await this.write(next);
      this.cache = next;
      return structuredClone(next);
    });
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

  private async load(): Promise<Config> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaultConfig();
      throw new AppError('config_unreadable', `Cannot read ${this.file}: ${(error as Error).message}`);
    }
    let reason: string;
    try {
      const parsed = Config.safeParse(migrate(JSON.parse(text)));
      if (parsed.success) return parsed.data;
      reason = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ');
    } catch (error) {
      reason = `not valid JSON (${(error as Error).message})`;
    }
    const movedTo = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.file, movedTo);
    this.recovery = { movedTo, reason };
    return defaultConfig();
  }

  private async write(config: Config): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify(config, null, 2)}\n`, { fsync: true, mode: 0o600 });
  }
}

