import { addManagementEndpoints, startFakeOllama, type FakeModel } from '../fakes/ollama';
import { expect, screenshot, startWebApp, test } from './fixtures';

test('pull with progress, cancel, test and delete models against a fake Ollama', async ({ page }) => {
  const models: FakeModel[] = [
    { name: 'llama3.2:3b', size: 2_019_393_189, family: 'llama', parameterSize: '3.2B', quantization: 'Q4_K_M' },
    { name: 'qwen3:0.6b', size: 522_000_000, family: 'qwen3', parameterSize: '751M', quantization: 'Q4_K_M' },
  ];
  const fake = await startFakeOllama(models);
  addManagementEndpoints(fake, models, { pullDelayMs: 250 });
  const { app, stop } = await startWebApp({ OLLAMA_HOST: fake.url });
  try {
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Ollama' }).click();
    await expect(page.getByTestId('ollama-status')).toContainText('Ollama 0.12.0');
    // Decimal sizes, as `ollama list` prints them.
    await expect(page.getByTestId('model-llama3.2:3b')).toContainText('2.0 GB');
    // Sort by size: the smaller model first.
    await page.getByRole('button', { name: 'Size' }).click();
    await expect(page.locator('tbody tr').first()).toContainText('qwen3:0.6b');

    // Pull with visible progress, then cancel.
    await page.getByLabel('Model to pull').fill('mistral:7b');
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    const pull = page.getByTestId('pull-mistral:7b');
    await expect(pull.getByTestId('pull-overall')).toContainText(/of 2\.0 GB \(\d+%\)/);
    await expect(pull.getByRole('progressbar', { name: 'mistral:7b overall' })).toBeVisible();
    await screenshot(page, 'ollama-pulling');
    await pull.getByRole('button', { name: 'Cancel' }).click();
    await expect(pull).toHaveAttribute('data-state', 'cancelled');
    await expect.poll(() => fake.aborted.some((r) => r.path === '/api/pull')).toBe(true);
    // A cancelled pull says where it stopped and offers to start again.
    await expect(pull.getByTestId('pull-overall')).toContainText('Stopped at');
    await expect(pull.locator('.progress--stopped')).toBeVisible();
    addManagementEndpoints(fake, models, { pullDelayMs: 5 });
    await pull.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByTestId('pull-mistral:7b')).toHaveAttribute('data-state', 'done');
    // (The fake lists a pulled model as soon as the pull starts, so it may show twice here.)
    await expect(page.getByTestId('model-mistral:7b').first()).toBeVisible();

    // A pull that completes.
    await page.getByLabel('Model to pull').fill('phi4:mini');
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    await expect(page.getByTestId('pull-phi4:mini')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('model-phi4:mini')).toBeVisible();

    // Test a model: metrics from Ollama's counters; it then shows as running.
    await page.getByTestId('model-llama3.2:3b').getByRole('button', { name: 'Test' }).click();
    await expect(page.getByTestId('test-llama3.2:3b')).toHaveText('load 500 ms · TTFT 600 ms · 50 tok/s');
    await expect(page.getByRole('heading', { name: 'Running now' })).toBeVisible();
    await screenshot(page, 'ollama-tested');

    // Details from `ollama show`.
    await page.getByRole('button', { name: 'Details of llama3.2:3b' }).click();
    await expect(page.getByTestId('details-llama3.2:3b')).toContainText('131K tokens');
    await expect(page.getByTestId('details-llama3.2:3b')).toContainText('completion, tools');

    // Delete with confirmation.
    await page.getByRole('button', { name: 'Delete qwen3:0.6b' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByTestId('model-qwen3:0.6b')).toHaveCount(0);
  } finally {
    await stop();
    await fake.close();
  }
});

test('says how to start Ollama when it is not running', async ({ page }) => {
  const { app, stop } = await startWebApp({ OLLAMA_HOST: '127.0.0.1:9' });
  try {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(app.url);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Ollama' }).click();
      await expect(page.getByTestId('ollama-status')).toContainText('Ollama is not running at http://127.0.0.1:9');
      await expect(page.getByTestId('ollama-status')).toContainText('ollama serve');
      await screenshot(page, `ollama-down-${scheme}`);
    }
  } finally {
    await stop();
  }
});

test('at 900×700 the models table fits the page, and Chat opens a chat with the model', async ({ page }) => {
  const models: FakeModel[] = [
    { name: 'llama3.2:3b', size: 2_019_393_189, family: 'llama', parameterSize: '3.2B', quantization: 'Q4_K_M' },
    {
      name: 'qwen3:8b-instruct-with-a-rather-long-tag-q4_K_M',
      size: 5_225_388_164,
      family: 'qwen3',
      parameterSize: '8.2B',
      quantization: 'Q4_K_M',
    },
  ];
  const fake = await startFakeOllama(models);
  addManagementEndpoints(fake, models);
  const { app, stop } = await startWebApp({ OLLAMA_HOST: fake.url });
  try {
    await page.setViewportSize({ width: 900, height: 700 });
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Ollama' }).click();
    const row = page.getByTestId('model-qwen3:8b-instruct-with-a-rather-long-tag-q4_K_M');
    await expect(row).toBeVisible();
    // Nothing scrolls sideways, and every row's actions are inside the window.
    const scroller = page.getByTestId('page-scroller');
    expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    const del = await row.getByRole('button', { name: /^Delete/ }).boundingBox();
    expect(del!.x + del!.width).toBeLessThanOrEqual(900);
    await screenshot(page, 'ollama-900');

    // Chat with a model needs an Ollama profile: the page says so, then it works once there is one.
    await page.getByRole('button', { name: 'Chat with llama3.2:3b' }).click();
    await expect(page.getByRole('alert')).toContainText('Add an Ollama profile');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Providers' }).click();
    await page.getByRole('button', { name: 'Add provider' }).first().click();
    await page.getByLabel('Search providers').fill('ollama');
    await page.getByRole('button', { name: /^Ollama/ }).click();
    await page.getByLabel(/Base URL/).fill(fake.url);
    await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();
    await expect(page.getByTestId('profile-Ollama')).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Ollama' }).click();
    await page.getByRole('button', { name: 'Chat with llama3.2:3b' }).click();
    await expect(page.getByRole('button', { name: 'Chat model', exact: true })).toContainText('llama3.2:3b');
    await page.getByLabel('Message').fill('Hello');
    await page.getByLabel('Message').press('Enter');
    await expect(page.getByTestId('message-assistant').last()).toContainText('Hi there!');
  } finally {
    await stop();
    await fake.close();
  }
});
