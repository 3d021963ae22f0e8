// Start-up and size: browser-mode start to first page served, the renderer bundle (raw and gzip,
// largest chunks, initial JS), and the host's resident memory when idle.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { median, now, printTable, quick, writeResults, type Row } from './lib';

const root = path.resolve(import.meta.dirname, '..');
const assets = path.join(root, 'dist/renderer/assets');

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
}

async function startOnce(): Promise<{ startMs: number; firstPageMs: number; idleRssMb: number }> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-bench-'));
  const started = now();
  const child = spawn(process.execPath, [path.join(root, 'dist/web.mjs'), '--port', '0'], {
    env: { ...process.env, SWITCHYARD_HOME: home, SWITCHYARD_KEYCHAIN_SERVICE: 'Switchyard-bench' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`web server exited ${code}`)));
  });
  const listening = now();
  const response = await fetch(url);
  await response.text();
  const served = now();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const idleRssMb = rssKb(child.pid!) / 1024;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
  rmSync(home, { recursive: true, force: true });
  return { startMs: listening - started, firstPageMs: served - started, idleRssMb };
}

function bundleFigures(): { rows: Row[]; initialGzipKb: number; totalRawKb: number; totalGzipKb: number } {
  const html = readFileSync(path.join(root, 'dist/renderer/index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((match) => match[1]!));
  const rows: Row[] = [];
  let initialGzip = 0;
  let totalRaw = 0;
  let totalGzip = 0;
  for (const file of readdirSync(assets).filter((name) => /\.(js|css)$/.test(name))) {
    const bytes = readFileSync(path.join(assets, file));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    totalRaw += statSync(path.join(assets, file)).size;
    totalGzip += gzip;
    if (initial.has(file)) initialGzip += gzip;
    rows.push({ chunk: file, rawKb: bytes.length / 1024, gzipKb: gzip / 1024, initial: initial.has(file) ? 'yes' : '' });
  }
  rows.sort((a, b) => Number(b.rawKb) - Number(a.rawKb));
  return { rows: rows.slice(0, 8), initialGzipKb: initialGzip / 1024, totalRawKb: totalRaw / 1024, totalGzipKb: totalGzip / 1024 };
}

const runs = quick ? 3 : 7;
const samples = [];
for (let i = 0; i < runs; i += 1) samples.push(await startOnce());
const startup = {
  listeningMs: median(samples.map((s) => s.startMs)),
  firstPageMs: median(samples.map((s) => s.firstPageMs)),
  idleRssMb: median(samples.map((s) => s.idleRssMb)),
};
printTable(`Browser mode start (median of ${runs})`, [
  { measure: 'process start → listening (ms)', value: startup.listeningMs },
  { measure: 'process start → first page served (ms)', value: startup.firstPageMs },
  { measure: 'host RSS idle (MB)', value: startup.idleRssMb },
]);
const bundle = bundleFigures();
printTable('Renderer bundle, largest chunks', bundle.rows);
printTable('Renderer bundle totals', [
  { measure: 'initial JS gzip (KB)', value: bundle.initialGzipKb },
  { measure: 'all JS+CSS raw (KB)', value: bundle.totalRawKb },
  { measure: 'all JS+CSS gzip (KB)', value: bundle.totalGzipKb },
]);
writeResults('startup', {
  startup,
  bundle,
  targets: [{ name: 'initial JS gzip KB', value: bundle.initialGzipKb, bound: 350, kind: '<=' }],
});
