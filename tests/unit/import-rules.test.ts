// Our version of VS Code's code-import-patterns and layer rules (STYLE.md §1): a file's folder says
// what it may import, and a wrong import fails the build instead of waiting for a reviewer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { edgesOf, findCycles, root, sourceFiles, type ImportEdge } from '../helpers/import-graph';

const electronFiles = sourceFiles('electron');
const rendererFiles = sourceFiles('renderer');
const sharedFiles = sourceFiles('shared');
const electronEdges = edgesOf(electronFiles);
const rendererEdges = edgesOf(rendererFiles);
const sharedEdges = edgesOf(sharedFiles);

const NODE_BUILTIN = /^(node:|fs$|path$|os$|child_process$|net$|http$|https$|crypto$|stream$|url$|util$|events$|worker_threads$)/;

const describeEdge = (edge: ImportEdge) => `${edge.from}:${edge.line} imports ${edge.to ?? edge.specifier}`;
const inFolder = (file: string | null, folder: string) => file !== null && (file === folder || file.startsWith(`${folder}/`));

/**
 * The layers inside electron/, bottom to top: each folder (or loose file) and what it may import
 * besides its own files and shared/. Nothing may import a layer above it:
 *
 *   errors, clock, version → secrets → http, config → providers → auth → export → host
 *   → model-info → services → gateway → api → web, main, commands → cli
 *
 * The host context (host/) sits below the services so that they use it without looking up; the
 * config and keychain stores are plain classes the context composes. model-info is what is known
 * about models without asking a provider (the price dataset, local servers, token counts, probe
 * results and what a chain requires of them); what asks a provider (its model list, the probe, the
 * context check) is a service, in services/models/.
 */
const BASE = ['electron/errors.ts', 'electron/clock.ts', 'electron/version.ts'];
const STORAGE = [...BASE, 'electron/secrets', 'electron/http', 'electron/config'];
const ENGINE = [...STORAGE, 'electron/providers', 'electron/auth'];
const HOST = [...ENGINE, 'electron/export', 'electron/host'];
const MODEL_INFO = [...HOST, 'electron/model-info'];
const SERVICES = [...MODEL_INFO, 'electron/services'];
const EDGE = [...SERVICES, 'electron/gateway', 'electron/api', 'electron/stray-errors.ts', 'electron/renderer-files.ts'];

const LAYERS: Record<string, readonly string[]> = {
  'electron/errors.ts': [],
  'electron/version.ts': [],
  'electron/clock.ts': ['electron/errors.ts'],
  'electron/renderer-files.ts': [],
  'electron/secrets': BASE,
  'electron/stray-errors.ts': ['electron/secrets'],
  'electron/http': [...BASE, 'electron/secrets'],
  'electron/config': BASE,
  'electron/providers': [...BASE, 'electron/secrets', 'electron/http'],
  'electron/auth': [...BASE, 'electron/secrets', 'electron/http', 'electron/providers'],
  // The LiteLLM export: a saved config in, a file out.
  'electron/export': ENGINE,
  'electron/host': [...BASE, 'electron/secrets', 'electron/config'],
  'electron/model-info': HOST,
  'electron/services': MODEL_INFO,
  // The gateway serves other programs the way api/ serves the renderer.
  'electron/gateway': SERVICES,
  'electron/api': [...SERVICES, 'electron/gateway'],
  'electron/web': EDGE,
  'electron/main': EDGE,
  'electron/commands': EDGE,
  // The preload is bundled alone into the sandbox: the contract from shared/ and nothing else.
  'electron/preload': [],
  'electron/cli.ts': [...EDGE, 'electron/commands'],
};

function layerOf(file: string): string | undefined {
  return Object.keys(LAYERS)
    .filter((layer) => inFolder(file, layer))
    .sort((a, b) => b.length - a.length)[0];
}

describe('import rules', () => {
  it('finds the source files and imports it checks', () => {
    expect(electronFiles.length).toBeGreaterThan(5);
    expect(rendererFiles.length).toBeGreaterThan(5);
    expect(sharedFiles.length).toBeGreaterThan(1);
    expect(electronEdges.filter((edge) => edge.to !== null).length).toBeGreaterThan(100);
  });

  it('only electron/main and electron/preload import electron', () => {
    const allowed = (file: string) => inFolder(file, 'electron/main') || inFolder(file, 'electron/preload');
    const edges = [...electronEdges, ...rendererEdges, ...sharedEdges].filter((edge) => !allowed(edge.from));
    expect(edges.filter((edge) => edge.specifier === 'electron' || edge.specifier.startsWith('electron/')).map(describeEdge)).toEqual([]);
  });

  it('the renderer imports only shared/, its own files and browser packages', () => {
    const bad = rendererEdges.filter((edge) => {
      if (edge.from === 'renderer/vite.config.ts') return false;
      if (NODE_BUILTIN.test(edge.specifier) || ['keytar', 'undici', 'ws'].includes(edge.specifier)) return true;
      return edge.specifier.startsWith('.') && edge.to !== null && !inFolder(edge.to, 'renderer') && !inFolder(edge.to, 'shared');
    });
    expect(bad.map(describeEdge)).toEqual([]);
  });

  it('shared/ imports neither Node, DOM-only code, electron/ nor the renderer', () => {
    const bad = sharedEdges.filter((edge) => {
      if (NODE_BUILTIN.test(edge.specifier)) return true;
      if (!edge.specifier.startsWith('.')) return edge.specifier !== 'zod';
      return !inFolder(edge.to, 'shared');
    });
    expect(bad.map(describeEdge)).toEqual([]);
    const domUse = sharedFiles.filter((file) => /\b(window|document|localStorage)\./.test(readFileSync(path.join(root, file), 'utf8')));
    expect(domUse).toEqual([]);
  });

  it('nothing under electron/ imports the renderer', () => {
    expect(electronEdges.filter((edge) => inFolder(edge.to, 'renderer')).map(describeEdge)).toEqual([]);
  });

  it('every file under electron/ has a layer', () => {
    expect(
      electronFiles.filter((file) => layerOf(file) === undefined).map((file) => `${file} has no layer: add its folder to LAYERS`),
    ).toEqual([]);
  });

  it('each folder under electron/ imports only the layers below it', () => {
    const upward = electronEdges.filter((edge) => {
      if (!edge.to || !inFolder(edge.to, 'electron')) return false;
      const from = layerOf(edge.from);
      const to = layerOf(edge.to);
      return from !== undefined && to !== undefined && from !== to && !LAYERS[from]!.includes(to);
    });
    expect(upward.map((edge) => `${describeEdge(edge)}: ${layerOf(edge.from)} may not import ${layerOf(edge.to!)}`)).toEqual([]);
  });

  it('no import cycle in electron/, renderer/ or shared/, dynamic imports included', () => {
    const cycles = findCycles([...electronEdges, ...rendererEdges, ...sharedEdges]).map((cycle) => cycle.join(' → '));
    expect(cycles).toEqual([]);
  });
});
