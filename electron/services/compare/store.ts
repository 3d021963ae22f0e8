// Saved comparisons: one JSON file per run in <data>/compare/, written atomically when a run
// finishes or is voted on, so a crash mid-run loses at most that run's unfinished columns.
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { CompareRun, type CompareRunSummary } from '../../../shared/api/compare';
import { AppError } from '../../errors';

const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class CompareStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'compare');
  }

  private file(runId: string): string {
    if (!RUN_ID.test(runId)) throw new AppError('invalid_input', `Not a comparison id: ${JSON.stringify(runId)}.`);
    return path.join(this.dir, `${runId}.json`);
  }

  async save(run: CompareRun): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.file(run.runId), `${JSON.stringify(run, null, 2)}\n`, { fsync: true });
  }

  async get(runId: string): Promise<CompareRun> {
    let text: string;
    try {
      text = await readFile(this.file(runId), 'utf8');
    } catch {
      throw new AppError('not_found', 'That comparison no longer exists; it may have been deleted.');
    }
    const parsed = CompareRun.safeParse(JSON.parse(text));
    if (!parsed.success) throw new AppError('corrupt', `The saved comparison ${runId} is damaged and cannot be opened.`);
    return parsed.data;
  }

  /** Newest first. Damaged files are skipped rather than hiding every other run. */
  async list(): Promise<CompareRunSummary[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const runs: CompareRunSummary[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      try {
        const run = await this.get(name.slice(0, -'.json'.length));
        runs.push({
          runId: run.runId,
          createdAt: run.createdAt,
          prompt: run.prompt.slice(0, 200),
          labels: run.columns.map((c) => c.label),
          status: run.status,
        });
      } catch {
        // listed runs are the readable ones; `get` reports the damaged one if it is opened
      }
    }
    return runs.sort((a, b) => b.createdAt - a.createdAt);
  }

  async delete(runId: string): Promise<void> {
    await rm(this.file(runId), { force: true });
  }
}
