// `npm run screens`: screenshots of every page, light and dark, at 900×700 and 1600×1000, into
// docs/screens/. Browser mode runs against loopback fakes (an OpenAI-compatible cloud, a failing
// one and an Ollama server) seeded through the app's own API, so the pages show real states.
// Run through tsx (the fakes are TypeScript) inside a D-Bus session with an unlocked keyring, like
// the tests, so keys go to a real Secret Service.
import { spawnSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import { startWebApp } from '../tests/e2e/fixtures.ts';
import { addManagementEndpoints, startFakeOllama } from '../tests/fakes/ollama.ts';
import { errorReply, sseStream, startFakeOpenAI } from '../tests/fakes/openai.ts';
import { needsBuild } from './needs-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'docs', 'screens');

if (
  !process.env.SWITCHYARD_TEST_SESSION &&
  spawnSync('sh', ['-c', 'command -v dbus-run-session && command -v gnome-keyring-daemon']).status === 0
) {
  const script = 'printf x | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$0" "$@"';
  const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', script, process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, SWITCHYARD_TEST_SESSION: '1' },
  });
  process.exit(run.status ?? 1);
}

if (needsBuild(root, ['dist/web.mjs', 'dist/renderer/index.html'])) {
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const SIZES = [
  { name: '900x700', width: 900, height: 700 },
  { name: '1600x1000', width: 1600, height: 1000 },
];
const THEMES = ['light', 'dark'];

const ANSWER = [
  'Caching keeps',
  ' a copy of',
  ' a result close',
  ' to where it is needed.\n\n',
  '```ts\nconst cache = new Map<string, string>();\n```\n\n',
  'A hit skips the slow path; a miss fills it.',
];

/** The cloud fake: a model list with context windows and prices, and a Markdown answer. */
async function cloudFake() {
  const fake = await startFakeOpenAI();
  const models = [
    { id: 'acme-large', context_length: 200_000, pricing: { prompt: '0.000003', completion: '0.000015' } },
    { id: 'acme-mini', context_length: 128_000, pricing: { prompt: '0.00000015', completion: '0.0000006' } },
    { id: 'acme-embed-v2' },
  ];
  fake.route('GET', '/v1/models', { body: { object: 'list', data: models.map((m) => ({ ...m, object: 'model', owned_by: 'acme' })) } });
  fake.onChat(() => ({
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    chunks: sseStream(ANSWER, { usage: { prompt_tokens: 14, completion_tokens: 42, total_tokens: 56 } })
      .split('\n\n')
      .filter(Boolean)
      .flatMap((e) => [`${e}\n\n`, { delayMs: 30 }]),
  }));
  return fake;
}

async function ollamaFake() {
  const models = [
    { name: 'llama3.2:3b', size: 2_019_393_189, family: 'llama', parameterSize: '3.2B', quantization: 'Q4_K_M' },
    {
      name: 'qwen3:8b-instruct-with-a-rather-long-tag',
      size: 5_225_388_164,
      family: 'qwen3',
      parameterSize: '8.2B',
      quantization: 'Q4_K_M',
    },
    { name: 'nomic-embed-text:latest', size: 274_302_450, family: 'nomic-bert', parameterSize: '137M', quantization: 'F16' },
  ];
  const fake = await startFakeOllama(models);
  addManagementEndpoints(fake, models);
  return fake;
}

/** The app's API over its WebSocket, as the renderer uses it. */
async function apiClient(app) {
  const url = new URL(app.url);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  const ws = new WebSocket(`ws://${url.host}/ws?token=${encodeURIComponent(token)}`, { headers: { origin: app.origin } });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map();
  const listeners = new Set();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data));
    if (frame.type === 'result') {
      pending.get(frame.id)?.(frame.envelope);
      pending.delete(frame.id);
    } else if (frame.type === 'event') for (const listener of listeners) listener(frame.event, frame.payload);
  });
  return {
    async invoke(method, input) {
      const id = nextId++;
      const envelope = await new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ type: 'invoke', id, method, input }));
      });
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
      return envelope.result;
    },
    waitFor(event, test) {
      return new Promise((resolve) => {
        const listener = (name, payload) => {
          if (name === event && test(payload)) {
            listeners.delete(listener);
            resolve(payload);
          }
        };
        listeners.add(listener);
      });
    },
    close: () => ws.close(),
  };
}

async function seed(api, cloud, broken, ollamaUrl) {
  const acme = await api.invoke('profiles.create', {
    name: 'Acme Cloud',
    providerKey: `custom:${cloud.baseUrl}`,
    key: 'sk-screens-acme-0123456789abcdef',
    defaultModel: 'acme-large',
  });
  await api.invoke('profiles.create', {
    name: 'Broken Cloud',
    providerKey: `custom:${broken.baseUrl}`,
    key: 'sk-screens-wrong-0123456789abcdef',
    defaultModel: 'broken-model',
  });
  const local = await api.invoke('profiles.create', { name: 'Ollama', providerKey: 'ollama', baseUrl: ollamaUrl });
  await api.invoke('connection.testAll', { concurrency: 2 });
  await api.invoke('settings.update', { prices: { 'acme-large': { inputPerMTok: 3, outputPerMTok: 15 } } });

  for (const [content, model] of [
    ['Explain caching in one paragraph.', 'acme-large'],
    ['What is a circuit breaker in an API client?', 'acme-mini'],
  ]) {
    const started = await api.invoke('chat.send', { target: { kind: 'profile', profileId: acme.id, model }, content });
    await api.waitFor('chat.done', (p) => p.streamId === started.streamId);
  }

  const run = await api.invoke('compare.start', {
    prompt: 'Explain caching in one paragraph.',
    targets: [
      { kind: 'profile', profileId: acme.id, model: 'acme-large' },
      { kind: 'profile', profileId: acme.id, model: 'acme-mini' },
      { kind: 'profile', profileId: local.id, model: 'llama3.2:3b' },
    ],
    oneAtATime: false,
  });
  await api.waitFor('compare.run', (p) => p.runId === run.runId && p.status === 'done');

  await api.invoke('chains.save', {
    name: 'Reliable answers',
    targets: [
      { profileId: acme.id, model: 'acme-large', fallbackModels: ['acme-mini'] },
      { profileId: local.id, model: 'llama3.2:3b' },
    ],
  });
}

const nav = (page, name) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();

/** Each page, and the states worth seeing on it; `ready` waits for what the shot must show. */
const SHOTS = [
  { name: 'providers', go: (page) => nav(page, 'Providers'), ready: (page) => page.getByTestId('profile-Acme Cloud').waitFor() },
  {
    name: 'providers-add',
    go: async (page) => {
      await nav(page, 'Providers');
      await page.getByRole('button', { name: 'Add provider' }).first().click();
    },
    ready: (page) => page.getByRole('dialog').waitFor(),
    wideOnly: false,
  },
  {
    name: 'chat',
    go: async (page) => {
      await nav(page, 'Chat');
      await page.getByRole('complementary', { name: 'Conversations' }).getByText('Explain caching').first().click();
    },
    ready: (page) => page.getByTestId('message-assistant').first().waitFor(),
  },
  {
    name: 'chat-model-picker',
    go: async (page) => {
      await nav(page, 'Chat');
      await page.getByRole('button', { name: /Chat model/ }).click();
    },
    ready: (page) => page.getByRole('listbox').waitFor(),
    wideOnly: true,
  },
  {
    name: 'compare',
    go: async (page) => {
      await nav(page, 'Compare');
      await page.getByRole('button', { name: 'Saved' }).click();
      await page.getByRole('dialog').getByRole('button').filter({ hasText: 'Explain caching' }).first().click();
    },
    ready: (page) => page.getByTestId('compare-column-c1').waitFor(),
  },
  {
    name: 'compare-setup',
    go: async (page) => {
      await nav(page, 'Compare');
      await page.getByRole('button', { name: 'Change' }).click();
    },
    ready: (page) => page.getByRole('form', { name: 'Comparison setup' }).waitFor(),
  },
  { name: 'chains', go: (page) => nav(page, 'Chains'), ready: (page) => page.getByTestId('chain-Reliable answers').waitFor() },
  {
    name: 'chains-dry-run',
    go: async (page) => {
      await nav(page, 'Chains');
      await page.getByRole('button', { name: 'Run dry run' }).first().click();
    },
    ready: (page) => page.getByTestId('dry-run-result').waitFor(),
    wideOnly: true,
  },
  { name: 'ollama', go: (page) => nav(page, 'Ollama'), ready: (page) => page.getByTestId('model-llama3.2:3b').waitFor() },
  { name: 'settings', go: (page) => nav(page, 'Settings'), ready: (page) => page.getByTestId('data-dir').waitFor() },
  {
    name: 'gateway',
    go: (page) => nav(page, 'Gateway'),
    ready: (page) => page.getByRole('heading', { level: 1, name: 'Gateway' }).waitFor(),
  },
  {
    name: 'palette',
    go: async (page) => {
      await nav(page, 'Chat');
      await page.keyboard.press('Control+k');
    },
    ready: (page) => page.getByRole('dialog', { name: 'Command palette' }).waitFor(),
    wideOnly: true,
  },
];

async function main() {
  const cloud = await cloudFake();
  const broken = await startFakeOpenAI();
  broken.onChat(errorReply(401, 'Incorrect API key provided.'));
  broken.route('GET', '/v1/models', errorReply(401, 'Incorrect API key provided.'));
  const ollama = await ollamaFake();
  const { app, stop } = await startWebApp({ OLLAMA_HOST: ollama.url });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const problems = [];
  try {
    const api = await apiClient(app);
    await seed(api, cloud, broken, ollama.url);
    api.close();
    await rm(outDir, { recursive: true, force: true });
    await mkdir(outDir, { recursive: true });
    for (const theme of THEMES) {
      for (const size of SIZES) {
        const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, colorScheme: theme });
        const page = await context.newPage();
        await page.goto(app.url);
        await page.getByRole('navigation', { name: 'Main' }).waitFor();
        for (const shot of SHOTS) {
          if (shot.wideOnly && size.width < 1600) continue;
          const file = path.join(outDir, `${shot.name}-${theme}-${size.name}.png`);
          try {
            await page.keyboard.press('Escape');
            await shot.go(page);
            await shot.ready(page);
            // Two animation frames (in the page) so fonts and the last layout settle before the picture.
            await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
            await page.screenshot({ path: file });
            console.log(`  ${path.relative(root, file)}`);
          } catch (error) {
            problems.push(`${shot.name} (${theme}, ${size.name}): ${error.message.split('\n')[0]}`);
          }
          await page.keyboard.press('Escape');
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await stop();
    await Promise.all([cloud.close(), broken.close(), ollama.close()]);
  }
  if (problems.length) {
    console.error(`\n${problems.length} screenshots could not be taken:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exitCode = 1;
  }
}

await main();
