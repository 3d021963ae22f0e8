// The last connection test of each profile, kept in <data>/connection-tests.json so the Providers
// page can show a status dot with its age after a restart.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { LastTest } from '../../shared/api/profiles';
import type { HostContext } from '../host/context';

export class ConnectionResults {
  private readonly file: string;
  private cache: Record<string, LastTest> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'connection-tests.json');
  }

  /**
   * Every profile's last test, keyed by profile id. The object has no prototype: an imported
   * profile whose id is "constructor" or "__proto__" must find its own entry or none.
   */
  async all(): Promise<Record<string, LastTest>> {
    if (!this.cache) {
      this.cache = Object.create(null) as Record<string, LastTest>;
      try {
        Object.assign(this.cache, JSON.parse(await readFile(this.file, 'utf8')) as Record<string, LastTest>);
      } catch {
        // no file yet, or a broken one: no results to show
      }
    }
    return this.cache;
  }

  async record(profileId: string, result: LastTest): Promise<void> {
    const run = this.queue.then(async () => {
      const all = await this.all();
      all[profileId] = result;
      await writeFileAtomic(this.file, `${JSON.stringify(all, null, 2)}\n`);
    });
    this.queue = run.catch(() => undefined);
    await run;
  }

  async forget(profileId: string): Promise<void> {
    const all = await this.all();
    if (!(profileId in all)) return;
    delete all[profileId];
    await writeFileAtomic(this.file, `${JSON.stringify(all, null, 2)}\n`);
  }
}

export const connectionResults = (ctx: HostContext) => new ConnectionResults(ctx.dataDir);
