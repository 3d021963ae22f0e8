// What Switchyard knows about a model, as a person sees it: the capability probe's cost before it
// runs and its chips afterwards (Providers page and the model picker), and the warning before a
// conversation that will not fit the model's context window.
import type { Page } from '@playwright/test';
import type { Capability } from '../../shared/types';
import { modelWith } from '../fakes/model-capabilities';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai';
import { addCustomProfile, expect, startWebApp, test, screenshotThemes } from './fixtures';
import { pickModel } from './model-picker';

/** An OpenAI-compatible server whose model list reports a context window, as OpenRouter or vLLM do. */
async function modelServer(model: string, capabilities: Capability[], contextLength?: number): Promise<FakeOpenAI> {
  const fake = await startFakeOpenAI([model]);
  fake.route('GET', '/v1/models', {
    body: {
      object: 'list',
      data: [{ id: model, object: 'model', owned_by: 'fake', ...(contextLength && { context_length: contextLength }) }],
    },
  });
  fake.onChat(modelWith(capabilities));
  return fake;
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();

test('the probe shows its cost first, then what each model really did, as chips on Providers and in the picker', async ({ page }) => {
  const capable = await modelServer('gpt-4o-mini', ['tools', 'vision', 'json', 'reasoning', 'usage']);
  const limited = await modelServer('gpt-4o-mini', ['usage']);
  const { app, stop } = await startWebApp();
  try {
    await page.goto(app.url);
    await addCustomProfile(page, 'Capable', `${capable.url}/v1`, 'gpt-4o-mini');
    await addCustomProfile(page, 'Limited', `${limited.url}/v1`, 'gpt-4o-mini');

    await page.getByRole('button', { name: 'Probe Capable' }).click();
    const dialog = page.getByRole('dialog', { name: 'Probe Capable' });
    // The cost before anything is sent: tokens and a price with its source.
    await expect(dialog.getByTestId('probe-estimate')).toContainText(
      /5 small requests: about [\d,]+ tokens sent and at most 1,144 back, at most \$0\.000\d+/,
    );
    await expect(dialog.getByTestId('probe-estimate')).toContainText('genai-prices 0.1.8 · OpenAI list price');
    expect(capable.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(0);
    await dialog.getByRole('button', { name: 'Run probe' }).click();
    await expect(dialog.getByText('called probe_time')).toBeVisible();
    await expect(dialog.getByText('named the colour of the image (red)')).toBeVisible();
    await dialog.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Probe all' }).click();
    const all = page.getByRole('dialog', { name: 'Probe every profile' });
    await expect(all.getByTestId('probe-all-estimate')).toContainText('tokens sent');
    await all.getByRole('button', { name: 'Probe 2 models' }).click();
    await expect(all.getByRole('status')).toHaveText('Probed 2 models.');
    await all.getByRole('button', { name: 'Done' }).click();

    // Chips on each profile: green for what the model did, struck through for what it did not.
    const capableChips = page.getByTestId('profile-Capable').getByTestId('capabilities-gpt-4o-mini');
    const limitedChips = page.getByTestId('profile-Limited').getByTestId('capabilities-gpt-4o-mini');
    await expect(capableChips.getByLabel('Native tool calls: yes')).toBeVisible();
    await expect(capableChips.getByLabel('Image input: yes')).toBeVisible();
    await expect(limitedChips.getByLabel('Native tool calls: no')).toBeVisible();
    await expect(limitedChips.getByLabel('Image input: no')).toBeVisible();
    await expect(limitedChips.getByLabel('Streamed token usage: yes')).toBeVisible();
    await screenshotThemes(page, 'providers-capabilities');

    // The same chips, the dataset's price and context window in the model picker.
    await nav(page, 'Chat');
    await page.getByRole('button', { name: 'Chat model', exact: true }).click();
    await page.getByRole('combobox', { name: 'Search Chat model' }).fill('Limited gpt-4o-mini');
    const row = page
      .getByRole('listbox')
      .getByRole('option', { name: /Limited gpt-4o-mini|gpt-4o-mini/ })
      .first();
    await expect(row.getByLabel('Streamed token usage: yes')).toBeVisible();
    await expect(row.getByLabel('Not shown: Native tool calls, Image input, JSON output, Reasoning')).toHaveText('4 no');
    await expect(row.getByLabel('Native tool calls: yes')).toHaveCount(0);
    await expect(row.getByText('128K')).toBeVisible();
    await expect(row.getByText('$0.15 / $0.60 per M')).toHaveAttribute('title', /genai-prices 0\.1\.8 · OpenAI list price/);
    await screenshotThemes(page, 'picker-capabilities');
  } finally {
    await stop();
    await capable.close();
    await limited.close();
  }
});

test("chat warns before sending a conversation that will not fit, counting with the model's tokenizer", async ({ page }) => {
  // The provider's list says 500 tokens: a short message fits, a long one does not.
  const small = await modelServer('gpt-4o-mini', ['usage'], 500);
  const { app, stop } = await startWebApp();
  try {
    await page.goto(app.url);
    await addCustomProfile(page, 'Small window', `${small.url}/v1`, 'gpt-4o-mini');
    await nav(page, 'Chat');
    await page.getByRole('button', { name: 'Chat model', exact: true }).click();
    await page.getByRole('combobox', { name: 'Search Chat model' }).fill('Small window');
    await page
      .getByRole('listbox')
      .getByRole('option', { name: /gpt-4o-mini/ })
      .first()
      .click();

    const message = page.getByLabel('Message');
    await message.fill('hello world '.repeat(300));
    const warning = page.getByTestId('context-warning');
    // 600 tokens of text and 7 of chat framing, counted with o200k_base, against the listed 500.
    await expect(warning).toContainText(
      'This conversation will not fit gpt-4o-mini: 607 tokens (counted with o200k_base), for a 500-token context window (Custom provider).',
    );
    await screenshotThemes(page, 'chat-context-warning');

    // Shortened, it fits, and the warning goes.
    await message.fill('hello world');
    await expect(warning).toBeHidden();
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('message-cost').last()).toContainText('genai-prices 0.1.8');
  } finally {
    await stop();
    await small.close();
  }
});

test('a chain that requires tools and image input warns in its dry run about the target that lacks them', async ({ page }) => {
  const capable = await modelServer('gpt-4o-mini', ['tools', 'vision', 'usage']);
  const limited = await modelServer('gpt-4.1-nano', ['usage']);
  const { app, stop } = await startWebApp();
  try {
    await page.goto(app.url);
    await addCustomProfile(page, 'Capable', `${capable.url}/v1`, 'gpt-4o-mini');
    await addCustomProfile(page, 'Limited', `${limited.url}/v1`, 'gpt-4.1-nano');
    await page.getByRole('button', { name: 'Probe all' }).click();
    const all = page.getByRole('dialog', { name: 'Probe every profile' });
    await all.getByRole('button', { name: 'Probe 2 models' }).click();
    await expect(all.getByRole('status')).toHaveText('Probed 2 models.');
    await all.getByRole('button', { name: 'Done' }).click();

    await nav(page, 'Chains');
    await page.getByRole('button', { name: 'New chain' }).click();
    await page.getByLabel('Chain name').fill('Agents');
    await pickModel(page, 'Target 1', 'Capable gpt-4o-mini', /gpt-4o-mini/);
    await page.getByRole('button', { name: 'Add target' }).click();
    await pickModel(page, 'Target 2', 'Limited gpt-4.1-nano', /gpt-4\.1-nano/);
    await page.getByRole('checkbox', { name: 'Native tool calls' }).check();
    await page.getByRole('checkbox', { name: 'Image input' }).check();
    await page.getByRole('button', { name: 'Save chain' }).click();
    const chain = page.getByTestId('chain-Agents');
    await chain.getByRole('button', { name: 'Run dry run' }).click();
    const warnings = chain.getByTestId('capability-warnings');
    await expect(warnings.getByRole('listitem')).toHaveCount(2);
    await expect(warnings).toContainText('Target 2 (Limited · gpt-4.1-nano) lacks native tool calls');
    await expect(warnings).toContainText('Target 2 (Limited · gpt-4.1-nano) lacks image input');
    await expect(warnings).not.toContainText('Target 1');
    await warnings.scrollIntoViewIfNeeded();
    await screenshotThemes(page, 'chains-capability-warnings');
  } finally {
    await stop();
    await capable.close();
    await limited.close();
  }
});
