// Pages and components call store actions (renderer/src/store); only the stores and the app shell
// talk to the host through the API client. A page that invoked the API itself would keep a second
// copy of what a store already caches, and its calls could not be shared or tested on their own.
// No page or component needs the client today, so nothing is allowed through.
// Nor does a view pick what to show by a provider's name: the host's descriptors say what a profile
// needs (its sign-in kind, its options), so a new provider of a known kind needs no page change.
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

const COMPARE = '(?:===|!==|==|!=)';
const NAME = '\\b(?:adapter|providerKey)\\b';
const LITERAL = `(['"\`])([^'"\`\\n]*)\\1`;
const PROVIDER_TESTS = [
  new RegExp(`${NAME}\\s*${COMPARE}\\s*${LITERAL}`, 'g'),
  new RegExp(`${LITERAL}\\s*${COMPARE}\\s*[\\w$.?!]*${NAME}`, 'g'),
  new RegExp(`\\bswitch\\s*\\([^)]*${NAME}\\s*\\)`, 'g'),
];

/** "file:line: code" for every place a file's text tests a provider's adapter or key against a name. */
function providerNameTests(file: string, text = readFileSync(file, 'utf8')): string[] {
  return PROVIDER_TESTS.flatMap((pattern) =>
    [...text.matchAll(pattern)].map((match) => {
      const line = text.slice(0, match.index).split('\n').length;
      return `${path.relative(root, file)}:${line}: ${match[0]}`;
    }),
  ).sort();
}

describe('renderer views: the API client and provider names', () => {
  const views = [...sourceFiles(path.join(src, 'pages')), ...sourceFiles(path.join(src, 'components'))];

  it('finds the pages and components it checks', () => {
    expect(views.length).toBeGreaterThan(20);
  });

  it('no page or component imports the API client; they call store actions', () => {
    expect(views.flatMap((file) => apiImports(file))).toEqual([]);
  });

  it('no page or component tells providers apart by adapter or key name; the profile view describes what to show', () => {
    expect(views.flatMap((file) => providerNameTests(file))).toEqual([]);
  });

  it('the name check sees a comparison either way round and a switch, not a lookup, an assignment or a key-to-key match', () => {
    const page = path.join(src, 'pages', 'X.tsx');
    const text = [
      "const isCopilot = (profile: ProfileView) => profile.adapter === 'copilot';",
      'if ("openai-codex" !== p.adapter) return;',
      'const ollama = profile?.providerKey == `ollama`;',
      'switch (profile.adapter) {',
      'const logo = LOGOS[profile.adapter] ?? ProviderLogo({ keys: [profile.providerKey, profile.adapter] });',
      "const draft = { adapter: 'compatible', providerKey: 'custom' };",
      'const imported = profiles.some((p) => p.providerKey === k.providerKey);',
      'const flow = signInFlow(profile);',
    ].join('\n');
    const where = path.join('renderer', 'src', 'pages', 'X.tsx');
    expect(providerNameTests(page, text)).toEqual([
      `${where}:1: adapter === 'copilot'`,
      `${where}:2: "openai-codex" !== p.adapter`,
      `${where}:3: providerKey == \`ollama\``,
      `${where}:4: switch (profile.adapter)`,
    ]);
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
