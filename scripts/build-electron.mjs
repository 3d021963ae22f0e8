// Builds everything under electron/ with esbuild: the main process and preload (CommonJS, as
// Electron loads them), browser mode and the CLI (ESM). npm packages stay external (node_modules
// ships with the app); the sandboxed preload is fully self-contained and imports only `electron`.
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist');
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
await mkdir(out, { recursive: true });

// The preload may not require anything at run time, so the contract's names are read here and
// inlined as constants.
const contractFile = path.join(out, '.contract.mjs');
await build({
  entryPoints: [path.join(root, 'shared/api.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: contractFile,
  logLevel: 'error',
});
const contract = await import(pathToFileURL(contractFile).href);
await rm(contractFile);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  sourcemap: true,
  logLevel: 'warning',
  define: { __SWITCHYARD_VERSION__: JSON.stringify(pkg.version) },
  logOverride: { 'empty-import-meta': 'silent' },
};

await Promise.all([
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/main/index.ts')],
    format: 'cjs',
    outfile: path.join(out, 'main.cjs'),
    packages: 'external',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/preload/index.ts')],
    format: 'cjs',
    outfile: path.join(out, 'preload.cjs'),
    external: ['electron'],
    define: {
      ...common.define,
      __SWITCHYARD_METHODS__: JSON.stringify(contract.methodNames),
      __SWITCHYARD_EVENTS__: JSON.stringify(contract.eventNames),
    },
  }),
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/web/main.ts')],
    format: 'esm',
    outfile: path.join(out, 'web.mjs'),
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/cli.ts')],
    format: 'esm',
    outfile: path.join(out, 'cli.mjs'),
    packages: 'external',
  }),
]);
console.log(`built electron/ → dist/ (${contract.methodNames.length} API methods, ${contract.eventNames.length} events)`);
