// Real provider recordings (scripts/import-recordings.mjs brings them in, with a MANIFEST.json).
// They are looked for, in order: $SWITCHYARD_RECORDINGS, tests/fixtures/recorded in this checkout,
// then a shared/recorded folder beside this checkout or above it (where CI's copy of shared/ sits).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ManifestEntry {
  file: string;
  repository: string;
  path: string;
  commit: string;
  blob: string;
  licence: string;
  evidence: string;
}

export interface Recording {
  /** "anthropic/anthropic-text.chunks.txt". */
  file: string;
  entry: ManifestEntry;
  kind: 'stream' | 'whole';
  /** A stream recording: one event per line, as its JSON text and parsed. */
  lines: string[];
  events: unknown[];
  /** A whole recording: the response body as its text and parsed. */
  text: string;
  body: unknown;
}

const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function candidates(): string[] {
  const out: string[] = [];
  if (process.env.SWITCHYARD_RECORDINGS) out.push(path.resolve(process.env.SWITCHYARD_RECORDINGS));
  out.push(path.join(checkout, 'tests/fixtures/recorded'));
  for (let dir = checkout; ; dir = path.dirname(dir)) {
    out.push(path.join(dir, 'shared/recorded'));
    if (path.dirname(dir) === dir) break;
  }
  return out;
}

/** The folder holding MANIFEST.json, or null when no recordings are installed. */
export function recordingsDir(): string | null {
  return candidates().find((dir) => existsSync(path.join(dir, 'MANIFEST.json'))) ?? null;
}

export function loadManifest(dir: string): ManifestEntry[] {
  return (JSON.parse(readFileSync(path.join(dir, 'MANIFEST.json'), 'utf8')) as { files: ManifestEntry[] }).files;
}

/** Every recording of one folder ("gemini", "anthropic"…), in manifest order. */
export function recordingsOf(dir: string, folder: string): Recording[] {
  return loadManifest(dir)
    .filter((entry) => entry.file.startsWith(`${folder}/`))
    .map((entry) => {
      const text = readFileSync(path.join(dir, entry.file), 'utf8');
      if (entry.file.endsWith('.json'))
        return { file: entry.file, entry, kind: 'whole', lines: [], events: [], text, body: JSON.parse(text) as unknown };
      const lines = text.split('\n').filter((line) => line.trim() !== '');
      return {
        file: entry.file,
        entry,
        kind: 'stream',
        lines,
        events: lines.map((line) => JSON.parse(line) as unknown),
        text,
        body: undefined,
      };
    });
}
