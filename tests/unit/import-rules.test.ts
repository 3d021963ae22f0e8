// Our version of VS Code's code-import-patterns (STYLE.md §1): a file's folder says what it may
// import, and a wrong import fails the build instead of waiting for a reviewer.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(relative));
    else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(relative);
  }
  return out;
}

/** Every module specifier a file imports, statically or dynamically. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specifiers: string[] = [];
  const patterns = [/(?:^|\s)import\s[^'"]*?from\s*['"]([^'"]+)['"]/gm, /(?:^|\s)import\s*['"]([^'"]+)['"]/gm, /export\s[^'"]*?from\s*['"]([^'"]+)['"]/gm, /import\(\s*['"]([^'"]+)['"]\s*\)/g, /require\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) specifiers.push(match[1]!);
  return specifiers;
}

function resolvesInto(file: string, specifier: string, folder: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const target = path.relative(root, path.resolve(root, path.dirname(file), specifier));
  return target === folder || target.startsWith(`${folder}${path.sep}`);
}

const NODE_BUILTIN = /^(node:|fs$|path$|os$|child_process$|net$|http$|https$|crypto$|stream$|url$|util$|events$|worker_threads$)/;

function violations(files: string[], isForbidden: (file: string, specifier: string) => boolean): string[] {
  return files.flatMap((file) => importsOf(file).filter((specifier) => isForbidden(file, specifier)).map((specifier) => `${file} imports ${specifier}`));
}

describe('import rules', () => {
  const electronFiles = sourceFiles('electron');
  const rendererFiles = sourceFiles('renderer');
  const sharedFiles = sourceFiles('shared');

  it('finds the source files it checks', () => {
    expect(electronFiles.length).toBeGreaterThan(5);
    expect(rendererFiles.length).toBeGreaterThan(5);
    expect(sharedFiles.length).toBeGreaterThan(1);
  });

  it('only electron/main and electron/preload import electron', () => {
    const allowed = (file: string) => file.startsWith(`electron${path.sep}main${path.sep}`) || file.startsWith(`electron${path.sep}preload${path.sep}`);
    const outside = [...electronFiles, ...rendererFiles, ...sharedFiles].filter((file) => !allowed(file));
    expect(violations(outside, (_file, specifier) => specifier === 'electron' || specifier.startsWith('electron/'))).toEqual([]);
  });

  it('the renderer imports only shared/, its own files and browser packages', () => {
    expect(
      violations(rendererFiles, (file, specifier) => {
        if (NODE_BUILTIN.test(specifier) || specifier === 'keytar' || specifier === 'undici' || specifier === 'ws') return true;
        if (!specifier.startsWith('.')) return false;
        return !resolvesInto(file, specifier, 'renderer') && !resolvesInto(file, specifier, 'shared');
      }).filter((line) => !line.startsWith(`renderer${path.sep}vite.config.ts`)),
    ).toEqual([]);
  });

  it('shared/ imports neither Node, DOM-only code, electron/ nor the renderer', () => {
    expect(
      violations(sharedFiles, (file, specifier) => {
        if (NODE_BUILTIN.test(specifier)) return true;
        if (!specifier.startsWith('.')) return !['zod'].includes(specifier);
        return !resolvesInto(file, specifier, 'shared');
      }),
    ).toEqual([]);
    const domUse = sharedFiles.filter((file) => /\b(window|document|localStorage)\./.test(readFileSync(path.join(root, file), 'utf8')));
    expect(domUse).toEqual([]);
  });

  it('nothing under electron/ imports the renderer', () => {
    expect(violations(electronFiles, (file, specifier) => resolvesInto(file, specifier, 'renderer'))).toEqual([]);
  });
});
