// capabilities.json in the data folder: what each probed model really did, per profile and model,
// with the date. Kept apart from config.json (it is measured, not configured, and is rewritten on
// every probe). Writes go through one queue to a temp file renamed over the old one; a file that
// cannot be read is moved aside (capabilities.json.corrupt-<time>) and the probes start afresh.
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { ProbeRecord } from '../../shared/api/models';
import type { HostContext } from '../host/context';

/** Enough for every model of many profiles; the oldest records go first beyond it. */
export const MAX_RECORDS = 2_000;

const StoreFile = z.object({ version: z.literal(1), records: z.array(ProbeRecord) });

export class CapabilityStore {
  readonly file: string;
  private records: ProbeRecord[] | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.file = path.join(dataDir, 'capabilities.json');
  }

  async list(): Promise<ProbeRecord[]> {
    return structuredClone(await this.serialize(() => this.load()));
  }

  async find(profileId: string, model: string): Promise<ProbeRecord | undefined> {
    return (await this.list()).find((r) => r.profileId === profileId && r.model === model);
  }

  /** Keeps the record, replacing an earlier one for the same profile and model. */
  async put(record: ProbeRecord): Promise<void> {
    await this.serialize(async () => {
      const others = (await this.load()).filter((r) => r.profileId !== record.profileId || r.model !== record.model);
      const next = [...others, record].sort((a, b) => a.at - b.at).slice(-MAX_RECORDS);
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, records: next }, null, 2)}\n`, { mode: 0o600 });
      this.records = next;
    });
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<ProbeRecord[]> {
    if (this.records) return this.records;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      this.records = [];
      return this.records;
    }
    let parsed: z.infer<typeof StoreFile> | undefined;
    try {
      parsed = StoreFile.parse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (!parsed) {
      const movedTo = `${this.file}.corrupt-${Date.now()}`;
      await rename(this.file, movedTo).catch(() => undefined);
      this.log(`capabilities.json could not be read and was moved to ${movedTo}; probe results start afresh.`);
    }
    this.records = parsed?.records ?? [];
    return this.records;
  }
}

export const capabilityStore = (ctx: HostContext) => new CapabilityStore(ctx.dataDir, (line) => console.error(line));
