// The renderer under load, in Chromium (Playwright, Debian's /usr/bin/chromium):
//  1. a 10,000-message conversation opened and scrolled: frame-time p95 and JS heap;
//  2. Compare with 6 columns, each fed 200 chunks/s (20 s; 5 s with --quick): frame-time p95 in
//     the renderer, host CPU and RSS (host = the browser-mode server process).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chunkJson } from '../tests/fakes/openai';
import { startFakeServer } from '../tests/fakes/server';
import { percentile, printTable, quick, writeResults } from './lib';
import { savedProfile } from '../tests/helpers/saved-profile';

const root = path.resolve(import.meta.dirname, '..');

async function startHost(home: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(root, 'dist/web.mjs'), '--port', '0'], {
    env: { ...process.env, SWITCHYARD_HOME: home, SWITCHYARD_KEYCHAIN_SERVICE: 'Switchyard-bench' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
  });
  return { url, pid: child.pid!, stop: async () => void (child.kill('SIGINT'), await new Promise((r) => child.once('exit', r))) };
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}

/**
 * Records every animation frame's duration in the page until the returned function is called.
 * Scripts are passed as strings: tsx's name-keeping helpers do not exist inside the page.
 */
async function startFrameProbe(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__probe = true;
    let last = performance.now();
    const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__probe) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  return async () => (await page.evaluate('(() => { window.__probe = false; return window.__frames.slice(1); })()')) as number[];
}

function profile(id: string, name: string, url: string) {
  return savedProfile(id, name, `custom:${url}`, { defaultModel: 'bench' });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info', '--disable-background-networking'],
});

// 1. A 10,000-message conversation.
{
  const home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-bench-ui-'));
  mkdirSync(path.join(home, 'history'));
  writeFileSync(
    path.join(home, 'config.json'),
    JSON.stringify({ schemaVersion: 1, profiles: [profile('p1', 'Bench', 'http://127.0.0.1:9/v1')] }),
  );
  const lines = [JSON.stringify({ type: 'meta', id: 'long', title: 'Ten thousand messages', createdAt: 1 })];
  for (let i = 0; i < 10_000; i += 1) {
    const role = i % 2 === 0 ? 'user' : 'assistant';
    const content =
      role === 'user'
        ? `Question ${i}: how does item ${i} work?`
        : `Answer ${i}. It works like this:\n\n- point one about **${i}**\n- point two\n\n\`\`\`ts\nconst value${i} = ${i};\n\`\`\``;
    lines.push(JSON.stringify({ type: 'message', message: { id: `m${i}`, role, content, at: 1000 + i } }));
  }
  writeFileSync(path.join(home, 'history', 'long.jsonl'), `${lines.join('\n')}\n`);
  const host = await startHost(home);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chat' }).click();
  const openStart = Date.now();
  await page.getByRole('button', { name: 'Ten thousand messages' }).click();
  await page.getByTestId('message-assistant').last().waitFor();
  const openMs = Date.now() - openStart;
  const stop = await startFrameProbe(page);
  const list = page.getByTestId('message-list');
  await list.hover();
  const scrollMs = quick ? 2_000 : 5_000;
  const end = Date.now() + scrollMs;
  let direction = -1;
  while (Date.now() < end) {
    await page.mouse.wheel(0, direction * 1200);
    await page.waitForTimeout(16);
    if (Math.random() < 0.02) direction = -direction;
  }
  const frames = await stop();
  const heapMb = (await page.evaluate('(performance.memory ? performance.memory.usedJSHeapSize : 0) / 1048576')) as number;
  const domNodes = (await page.evaluate("document.querySelectorAll('*').length")) as number;
  printTable('10,000-message conversation', [
    { openMs, frames: frames.length, frameP50: percentile(frames, 50), frameP95: percentile(frames, 95), jsHeapMb: heapMb, domNodes },
  ]);
  writeResults('conversation', {
    openMs,
    frameP50: percentile(frames, 50),
    frameP95: percentile(frames, 95),
    jsHeapMb: heapMb,
    domNodes,
    targets: [{ name: 'frame p95 (ms) while scrolling', value: percentile(frames, 95), bound: 33, kind: '<=' }],
  });
  await page.close();
  await host.stop();
  rmSync(home, { recursive: true, force: true });
}

// 2. Compare: 6 columns × 200 chunks/s.
{
  const seconds = quick ? 5 : 20;
  const fake = await startFakeServer();
  fake.route('POST', '/v1/chat/completions', () => {
    const steps: Array<string | { delayMs: number }> = [];
    for (let i = 0; i < seconds * 200; i += 10) {
      steps.push(Array.from({ length: 10 }, (_, j) => `data: ${JSON.stringify(chunkJson({ content: `t${i + j} ` }))}\n\n`).join(''));
      steps.push({ delayMs: 50 });
    }
    steps.push('data: [DONE]\n\n');
    return { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: steps };
  });
  const home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-bench-ui-'));
  writeFileSync(
    path.join(home, 'config.json'),
    JSON.stringify({
      schemaVersion: 1,
      profiles: Array.from({ length: 6 }, (_, i) => profile(`p${i}`, `Column ${i + 1}`, `${fake.url}/v1`)),
    }),
  );
  const host = await startHost(home);
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Compare' }).click();
  for (let i = 1; i <= 6; i += 1) {
    if (i > 2) await page.getByRole('button', { name: 'Add target' }).click();
    await page.getByLabel(`Target ${i}`, { exact: true }).selectOption({ index: i });
  }
  await page.getByLabel('One at a time').uncheck();
  await page.getByPlaceholder('Ask every target the same question…').fill('stream');
  const cpuBefore = cpuSeconds(host.pid);
  const stop = await startFrameProbe(page);
  const started = Date.now();
  await page.getByRole('button', { name: 'Run comparison' }).click();
  let peakRss = 0;
  while (Date.now() - started < seconds * 1000 + 500) {
    peakRss = Math.max(peakRss, rssMb(host.pid));
    await page.waitForTimeout(250);
  }
  await page.getByTestId('compare-column-c6').getByText('Done').waitFor({ timeout: 30_000 });
  const wall = (Date.now() - started) / 1000;
  const frames = await stop();
  const cpu = cpuSeconds(host.pid) - cpuBefore;
  printTable(`Compare: 6 columns × 200 chunks/s for ${seconds} s`, [
    {
      frames: frames.length,
      frameP50: percentile(frames, 50),
      frameP95: percentile(frames, 95),
      hostCpuPercent: (cpu / wall) * 100,
      hostPeakRssMb: peakRss,
    },
  ]);
  writeResults('compare-render', {
    seconds,
    chunksPerSecondPerColumn: 200,
    frameP50: percentile(frames, 50),
    frameP95: percentile(frames, 95),
    hostCpuPercent: (cpu / wall) * 100,
    hostPeakRssMb: peakRss,
    targets: [{ name: 'frame p95 (ms) while 6 columns stream', value: percentile(frames, 95), bound: 33, kind: '<=' }],
  });
  await page.close();
  await host.stop();
  await fake.close();
  rmSync(home, { recursive: true, force: true });
}

await browser.close();
