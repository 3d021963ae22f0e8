// True when dist/ is missing or older than any source file; `npm run web` and `npm start` build then.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

export function needsBuild(root, outputs) {
  let oldestOutput = Infinity;
  for (const output of outputs) {
    try {
      oldestOutput = Math.min(oldestOutput, statSync(path.join(root, output)).mtimeMs);
    } catch {
      return true;
    }
  }
  const sources = ['electron', 'renderer', 'shared', 'package.json'].map((name) => path.join(root, name));
  const newestSource = Math.max(
    ...sources.map((source) => (statSync(source).isDirectory() ? newestMtime(source) : statSync(source).mtimeMs)),
  );
  return newestSource > oldestOutput;
}
