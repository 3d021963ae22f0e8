// Playwright fixtures: each test gets browser mode started from the built app (dist/web.mjs) with
// its own data folder and keychain service, and a page opened at its private URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page, type WebSocket as PwWebSocket } from '@playwright/test';
import { chooseDefaultModel } from './model-picker';

export interface WebApp {
  url: string;
  origin: string;
  dataDir: string;
  keychainService: string;
  /** Everything the server printed, for leak checks. */
  output(): string;
}

const root = path.resolve(import.meta.dirname, '../..');

export async function startWebApp(env: Record<string, string> = {}): Promise<{ app: WebApp; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-e2e-'));
  const keychainService = `Switchyard-test-${randomBytes(6).toString('hex')}`;
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'dist/web.mjs'), '--port', '0'], {
    env: { ...process.env, SWITCHYARD_HOME: dataDir, SWITCHYARD_KEYCHAIN_SERVICE: keychainService, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    // A backstop for a hung start only; the test's own timeout bounds the wait anyway.
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Switchyard is running at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)));
  });
  const app: WebApp = { url, origin: new URL(url).origin, dataDir, keychainService, output: () => output };
  return {
    app,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ webApp: WebApp; appPage: Page; webAppEnv: Record<string, string> }>({
  webAppEnv: [{}, { option: true }],
  webApp: async ({ webAppEnv }, use) => {
    const { app, stop } = await startWebApp(webAppEnv);
    await use(app);
    await stop();
  },
  appPage: async ({ page, webApp }, use) => {
    await page.goto(webApp.url);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await use(page);
  },
});

export { expect };

/**
 * Saves a screenshot as a test artifact (test-results/screenshots/<name>.png), for people to look
 * at. CI keeps no files, so there (SWITCHYARD_CI, set by .ci/run) it saves none.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SWITCHYARD_CI) return;
  await page.screenshot({ path: path.join(root, 'test-results', 'screenshots', `${name}.png`), fullPage: false });
}

/**
 * Screenshots of what the page shows now in both themes (<name>-light.png, <name>-dark.png), then
 * back to light. A flow runs once and is looked at in both, rather than run again per theme.
 */
export async function screenshotThemes(page: Page, name: string): Promise<void> {
  if (process.env.SWITCHYARD_CI) return;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Adds an OpenAI-compatible profile through the Providers page, as a user would. */
export async function addCustomProfile(page: Page, name: string, baseUrl: string, model: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Providers' }).click();
  await page.getByRole('button', { name: 'Add provider' }).first().click();
  await page.getByRole('button', { name: /Custom OpenAI-compatible endpoint/ }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel(/Base URL/).fill(baseUrl);
  await page.getByTestId('key-input').fill(`sk-e2e-${name.replace(/\W/g, '')}-0123456789abcdef`);
  await chooseDefaultModel(page, model);
  await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();
  await expect(page.getByTestId(`profile-${name}`)).toBeVisible();
}

/** Every WebSocket frame the page sends and receives, for leak checks. */
export function recordFrames(page: Page): Array<{ sent: boolean; text: string }> {
  const frames: Array<{ sent: boolean; text: string }> = [];
  page.on('websocket', (ws: PwWebSocket) => {
    ws.on('framesent', (frame) => frames.push({ sent: true, text: String(frame.payload) }));
    ws.on('framereceived', (frame) => frames.push({ sent: false, text: String(frame.payload) }));
  });
  return frames;
}

/** Everything the page keeps (storage and DOM), for leak checks. */
export async function storageDump(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const local = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    const dbs = (await indexedDB.databases?.()) ?? [];
    return `${local} ${JSON.stringify(dbs)} ${document.documentElement.outerHTML}`;
  });
}
