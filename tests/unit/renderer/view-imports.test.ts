// Pages and components call store actions (renderer/src/store); only the stores and the app shell
// talk to the host through the API client. A page that invoked the API itself would keep a second
// copy of what a store already caches, and its calls could not be shared or tested on their own.
// No page or component needs the client today, so nothing is allowed through.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const src = path.join(root, 'renderer', 'src');
const API_FOLDER = path.join(src, 'api');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** "file imports specifier" for every import in a file's text that lands in renderer/src/api. */
function apiImports(file: string, text = readFileSync(file, 'utf8')): string[] {
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((match) => match[1]!);
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .filter((specifier) => {
      const target = path.resolve(path.dirname(file), specifier);
      return target === API_FOLDER || target.startsWith(`${API_FOLDER}${path.sep}`);
    })
    .map((specifier) => `${path.relative(root, file)} imports ${specifier}`);
}

describe('renderer views and the API client', () => {
  const views = [...sourceFiles(path.join(src, 'pages')), ...sourceFiles(path.join(src, 'components'))];

  it('finds the pages and components it checks', () => {
    expect(views.length).toBeGreaterThan(20);
  });

  it('no page or component imports the API client; they call store actions', () => {
    expect(views.flatMap((file) => apiImports(file))).toEqual([]);
  });

  it('the check sees an import of the client, static, type-only or dynamic, and nothing else', () => {
    const component = path.join(src, 'components', 'chains', 'X.tsx');
    const text = [
      "import { api } from '../../api/client';",
      "import type { ConnectionStatus } from '../../api/transport';",
      "const lazy = await import('../../api/client');",
      "import { useChains } from '../../store/chains';",
      "import { errorMessage } from '../../errors';",
    ].join('\n');
    expect(apiImports(component, text)).toEqual([
      `${path.join('renderer', 'src', 'components', 'chains', 'X.tsx')} imports ../../api/client`,
      `${path.join('renderer', 'src', 'components', 'chains', 'X.tsx')} imports ../../api/transport`,
      `${path.join('renderer', 'src', 'components', 'chains', 'X.tsx')} imports ../../api/client`,
    ]);
  });
});
