// A lock between the processes that write one file (the app, browser mode, the CLI): a lock file
// created exclusively, holding the owner's pid. A process killed while holding it (kill -9, a
// crash) leaves the file behind; the next writer sees that its pid is gone and takes the lock at
// once, instead of waiting out a timeout. A lock older than STALE_MS is taken over too (a pid
// from another pid namespace looks alive or dead at random; no write takes that long).
import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { AppError } from '../errors';

const STALE_MS = 10_000;
const WAIT_MS = 15_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock at `file` belongs to nobody any more; the pid of its owner otherwise. */
async function owner(file: string): Promise<{ stale: boolean; pid?: number }> {
  const [text, stats] = await Promise.all([readFile(file, 'utf8').catch(() => null), stat(file).catch(() => null)]);
  if (text === null || stats === null) return { stale: false }; // released meanwhile: try again
  const pid = Number.parseInt(text, 10);
  const age = Date.now() - stats.mtimeMs;
  // An empty file: the owner died between creating and writing it (or is writing it right now).
  if (!Number.isInteger(pid) || pid <= 0) return { stale: age > 1_000 };
  return { stale: age > STALE_MS || !alive(pid), pid };
}

/** Runs `task` while holding the lock `file`; waits (up to WAIT_MS) while another live process holds it. */
export async function withFileLock<T>(file: string, task: () => Promise<T>): Promise<T> {
  const token = `${process.pid}\n${randomUUID()}\n`;
  const deadline = Date.now() + WAIT_MS;
  for (let delay = 2; ; delay = Math.min(delay * 2, 100)) {
    try {
      await writeFile(file, token, { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const { stale, pid } = await owner(file);
    if (stale) {
      // Renaming first means only one waiter removes the dead owner's lock.
      const grave = `${file}.stale-${randomUUID()}`;
      if (
        await rename(file, grave).then(
          () => true,
          () => false,
        )
      )
        await rm(grave, { force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new AppError(
        'config_busy',
        `Another Switchyard process${pid ? ` (pid ${pid})` : ''} is still writing ${file.replace(/\.lock$/, '')}. Try again in a moment; if it stays stuck, close the other Switchyard windows or commands.`,
      );
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  try {
    return await task();
  } finally {
    // Only our own lock: if it was taken over as stale, the new owner's file stays.
    if ((await readFile(file, 'utf8').catch(() => null)) === token) await rm(file, { force: true });
  }
}
