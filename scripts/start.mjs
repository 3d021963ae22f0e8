// `npm start`: build and launch the Electron app; `npm run dev` serves the renderer from Vite with
// hot reload. Where no Electron binary is installed (it cannot be downloaded on every machine), say
// so in one line and point to browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { needsBuild } from './needs-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');

function electronBinary() {
  // Read the electron package's path.txt ourselves: requiring the package would start a download,
  // which hangs or fails on machines without internet access.
  try {
    const require = createRequire(import.meta.url);
    const packageDir = path.dirname(require.resolve('electron/package.json'));
    if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
      const override = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
      return existsSync(override) ? override : null;
    }
    const relative = readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
    const binary = path.join(packageDir, 'dist', relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  console.error(
    'Switchyard: the Electron binary is not installed (its download was skipped or blocked), so the desktop app cannot start here; `npm run web` runs the same app in your browser.',
  );
  process.exit(1);
}

if (needsBuild(root, ['dist/main.cjs', 'dist/preload.cjs', 'dist/renderer/index.html'])) {
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const env = { ...process.env };
let vite;
if (dev) {
  vite = spawn('npx', ['vite', '--config', 'renderer/vite.config.ts', '--port', '5173', '--strictPort'], { cwd: root, stdio: 'inherit' });
  env.SWITCHYARD_DEV_SERVER_URL = 'http://127.0.0.1:5173/';
}
const app = spawn(binary, [path.join(root, 'dist/main.cjs')], { cwd: root, stdio: 'inherit', env });
app.on('exit', (code) => {
  vite?.kill();
  process.exit(code ?? 0);
});
