// `npm run web [-- --port N --open]`: build if needed, then start browser mode.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { needsBuild } from './needs-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (needsBuild(root, ['dist/web.mjs', 'dist/renderer/index.html'])) {
  console.log('Building Switchyard…');
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const child = spawn(process.execPath, [path.join(root, 'dist/web.mjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
// The server handles Ctrl-C itself; this wrapper only waits for it to finish.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
