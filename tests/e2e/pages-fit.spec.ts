// Pages that fit and behave: each page opens at its top, Settings answers beside the button that
// was pressed, the model picker retries a list that failed once, Compare folds its setup and uses
// the width with live figures, the Saved dialog never scrolls sideways, and Add provider is
// ready to type into.
import type { Page } from '@playwright/test';
import { chunkJson, requireKey, sseReply, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai';
import type { ChunkStep } from '../fakes/server';
import { addCustomProfile, expect, screenshot, startWebApp, test } from './fixtures';
import { chooseDefaultModel, pickModel } from './model-picker';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();

/** Half the tokens, then a pause until the test opens the gate, then the rest: a column seen streaming. */
async function gatedFake(gate: Promise<unknown>, count: number): Promise<FakeOpenAI> {
  const fake = await startFakeOpenAI();
  fake.onChat(() => {
    const steps: ChunkStep[] = [];
    for (let i = 0; i < count; i += 1) {
      if (i === count / 2) steps.push({ call: () => gate });
      steps.push(`data: ${JSON.stringify(chunkJson({ content: `token${i} ` }))}\n\n`, { delayMs: 40 });
    }
    steps.push(
      `data: ${JSON.stringify({ ...chunkJson({}, 'stop'), choices: [], usage: { prompt_tokens: 5, completion_tokens: count, total_tokens: 5 + count } })}\n\ndata: [DONE]\n\n`,
    );
    return sseReply('', steps);
  });
  return fake;
}

test('each page opens at its top, and Settings says how a save went beside its button', async ({ page }) => {
  const { app, stop } = await startWebApp();
  try {
    await page.setViewportSize({ width: 900, height: 700 });
    await page.goto(app.url);
    await nav(page, 'Settings');
    const scroller = page.getByTestId('page-scroller');
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);

    // A bad price line: the answer is next to "Save prices", in view.
    await page.getByLabel('Price table').fill('gpt-4o = cheap');
    await page.getByRole('button', { name: 'Save prices' }).click();
    const status = page.getByTestId('prices-status');
    await expect(status).toContainText('Line 1 (“gpt-4o = cheap”) should look like');
    await expect(status).toBeInViewport();
    await page.getByLabel('Price table').fill('gpt-4o = 2.5 / 10');
    await page.getByRole('button', { name: 'Save prices' }).click();
    await expect(status).toContainText('Prices saved. 1 models have a price.');
    await screenshot(page, 'settings-900');

    // Another page opens at its top with its header in view.
    await nav(page, 'Compare');
    await expect(page.getByRole('heading', { level: 1, name: 'Compare' })).toBeInViewport();
    expect(await page.getByTestId('page-scroller').evaluate((el) => el.scrollTop)).toBe(0);
  } finally {
    await stop();
  }
});

test('a model list that failed is tried again once the profile is fixed; recent models come first', async ({ page }) => {
  const fake = await startFakeOpenAI(['gpt-fake', 'gpt-fake-mini']);
  const { app, stop } = await startWebApp();
  try {
    await page.goto(app.url);
    // A wrong URL: the list fails, and says why.
    await addCustomProfile(page, 'Fake Cloud', 'http://127.0.0.1:9/v1', 'gpt-fake');
    await nav(page, 'Chat');
    const picker = page.getByRole('button', { name: 'Chat model', exact: true });
    await expect(picker).toContainText('gpt-fake');
    await picker.click();
    await expect(page.getByRole('option', { name: /Could not list models/ })).toBeVisible();
    await page.keyboard.press('Escape');

    // Fix the URL: the next look at the list fetches it again.
    await nav(page, 'Providers');
    await page.getByRole('button', { name: 'Edit Fake Cloud' }).click();
    await page.getByLabel(/Base URL/).fill(`${fake.url}/v1`);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    // A new endpoint holds the keys until confirmed: the picker says so instead of an empty list.
    await nav(page, 'Chat');
    await picker.click();
    await expect(page.getByRole('option', { name: /Could not list models: The keys of "Fake Cloud" are on hold/ })).toBeVisible();
    await page.keyboard.press('Escape');
    await nav(page, 'Providers');
    await page.getByTestId('keys-on-hold-Fake Cloud').getByRole('button', { name: 'Review change…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send keys there' }).click();
    await expect(page.getByTestId('keys-on-hold-Fake Cloud')).toHaveCount(0);
    await nav(page, 'Chat');
    await picker.click();
    await expect(page.getByRole('option', { name: /gpt-fake-mini/ })).toBeVisible();
    await expect(page.getByRole('option', { name: /Could not list models/ })).toHaveCount(0);
    await page.getByRole('option', { name: /gpt-fake-mini/ }).click();
    await expect(picker).toContainText('gpt-fake-mini');

    // What was picked comes first next time.
    await picker.click();
    const groups = page.getByRole('listbox').getByRole('group');
    await expect(groups.first()).toHaveAccessibleName('Recent');
    await expect(groups.first()).toContainText('Fake Cloud · gpt-fake-mini');
    await screenshot(page, 'model-picker');
    await page.keyboard.press('Escape');

    // Ctrl+K: a page by name, and a model to chat with.
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command palette' }).fill('go to compare');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Compare' })).toBeVisible();
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command palette' }).fill('fake cloud gpt-fake');
    await expect(page.getByRole('option', { name: /^gpt-fake$/ })).toBeVisible();
    await page.getByRole('option', { name: /^gpt-fake$/ }).click();
    await expect(page.getByRole('heading', { name: 'Ask anything' })).toBeVisible();
    await expect(picker).toContainText('gpt-fake');
  } finally {
    await stop();
    await fake.close();
  }
});

test('Compare folds its setup while a run is shown, uses the width, and shows live figures', async ({ page }) => {
  const { promise: gate, resolve: open } = Promise.withResolvers<void>();
  const fake = await gatedFake(gate, 12);
  const { app, stop } = await startWebApp();
  try {
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(app.url);
    await addCustomProfile(page, 'Paced', `${fake.url}/v1`, 'model-a');
    await nav(page, 'Compare');
    await pickModel(page, 'Target 1', 'model-a');
    const longName = 'an-extremely-long-model-name-that-a-gateway-might-use-for-a-fine-tuned-checkpoint-v2';
    await pickModel(page, 'Target 2', longName, new RegExp(`Use “${longName}”`));
    await page.getByLabel('One at a time').uncheck();
    await page.getByPlaceholder('Ask every target the same question…').fill('Count for me.');
    await page.getByRole('button', { name: 'Run comparison' }).click();

    // The setup is one line; the columns start right under it and share the width.
    await expect(page.getByTestId('compare-summary')).toContainText('Count for me.');
    await expect(page.getByRole('form', { name: 'Comparison setup' })).toHaveCount(0);
    const column = page.getByTestId('compare-column-c1');
    await expect(column).toBeInViewport();
    expect((await column.boundingBox())!.width).toBeGreaterThan(500);

    // Live figures while it streams (≈), the host's own once done.
    await expect(column.getByTestId('metric-ttft')).toContainText('≈');
    await expect(column.getByTestId('metric-tokens')).toContainText('≈');
    await screenshot(page, 'compare-live');
    open();
    await expect(column).toContainText('Done');
    await expect(column.getByTestId('metric-ttft')).not.toContainText('≈');
    await expect(column.getByTestId('metric-tokens')).toHaveText('12');

    // "Change" opens the setup again with what produced the run.
    await page.getByRole('button', { name: 'Change' }).click();
    await expect(page.getByRole('button', { name: 'Target 2', exact: true })).toContainText(longName.slice(0, 20));

    // The Saved dialog wraps a long model name instead of scrolling sideways, even at 900 px.
    await page.setViewportSize({ width: 900, height: 700 });
    await page.getByRole('button', { name: 'Saved' }).click();
    const dialog = page.getByRole('dialog', { name: 'Saved comparisons' });
    await expect(dialog).toContainText(longName);
    // No part of it can be scrolled sideways.
    const sideways = await dialog.evaluate(
      (el) =>
        [el, ...el.querySelectorAll('*')].filter(
          (child) => ['auto', 'scroll'].includes(getComputedStyle(child).overflowX) && child.scrollWidth > child.clientWidth + 1,
        ).length,
    );
    expect(sideways).toBe(0);
    expect(await dialog.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(900);
    await screenshot(page, 'compare-saved-900');
  } finally {
    await stop();
    await fake.close();
  }
});

test('Add provider: ready to type, finds Anthropic by "claude", tests a key before saving; Fix key after Test all', async ({ page }) => {
  const GOOD = 'sk-e2e-GOOD-0123456789abcdefghijklmn';
  const fake = await startFakeOpenAI(['gpt-fake', 'gpt-fake-mini']);
  const denied = requireKey(fake, GOOD);
  fake.onChat((req) => denied(req) ?? sseReply(`data: ${JSON.stringify(chunkJson({ content: 'ok' }))}\n\ndata: [DONE]\n\n`));
  const { app, stop } = await startWebApp();
  try {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Add provider' }).first().click();
    // Focus is in the search box: typing works at once, and Enter does not close the dialog.
    await expect(page.getByLabel('Search providers')).toBeFocused();
    await page.keyboard.type('claude');
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('button', { name: /^Anthropic/ })).toBeVisible();
    await expect(dialog.getByRole('button', { name: /Amazon Bedrock/ })).toBeVisible();
    await expect(dialog.getByRole('link', { name: 'Get a key for Anthropic' })).toHaveAttribute(
      'href',
      'https://console.anthropic.com/settings/keys',
    );
    await expect(dialog.locator('.provider-logo').first()).toBeVisible();
    await screenshot(page, 'providers-search-claude');

    // A custom endpoint, tested before it is saved: a wrong key first, then the right one.
    await page.getByLabel('Search providers').fill('');
    await dialog.getByRole('button', { name: /Custom OpenAI-compatible endpoint/ }).click();
    await page.getByLabel('Name').fill('Fake Cloud');
    await page.getByLabel(/Base URL/).fill(`${fake.url}/v1`);
    await page.getByTestId('key-input').fill('sk-e2e-WRONG-0000000000000000000000');
    await page.getByRole('button', { name: 'Test before saving' }).click();
    const draft = page.getByTestId('draft-test');
    await expect(draft.getByTestId('stage-auth')).toHaveAttribute('data-verdict', 'fail');
    await expect(draft).toContainText('Not working yet');
    await page.getByTestId('key-input').fill(GOOD);
    await page.getByRole('button', { name: 'Test before saving' }).click();
    await expect(draft).toContainText('Works: every stage passed.');
    await expect(page.getByText('2 models found by the test')).toBeVisible();
    await chooseDefaultModel(page, 'gpt-fake');
    await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();
    await expect(page.getByTestId('profile-Fake Cloud')).toBeVisible();
    // Nothing was saved by the tests themselves: one profile, no result until tested.
    await expect(page.getByTestId('failure-reason')).toHaveCount(0);

    // A second profile with a wrong key; after Test all its reason is in the row, with Fix key.
    await page.getByRole('button', { name: 'Add provider' }).first().click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Custom OpenAI-compatible endpoint/ })
      .click();
    await page.getByLabel('Name').fill('Wrong Key');
    await page.getByLabel(/Base URL/).fill(`${fake.url}/v1`);
    await page.getByTestId('key-input').fill('sk-e2e-WRONG-1111111111111111111111');
    await chooseDefaultModel(page, 'gpt-fake');
    await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();
    await page.getByRole('button', { name: 'Test all' }).click();
    const row = page.getByTestId('profile-Wrong Key');
    await expect(row.getByTestId('failure-reason')).toContainText('Key rejected — 401');
    await expect(page.getByTestId('profile-Fake Cloud').getByTestId('failure-reason')).toHaveCount(0);
    await screenshot(page, 'providers-fix-key');
    await row.getByRole('button', { name: 'Fix key' }).click();
    await expect(page.getByTestId('key-input')).toBeFocused();
  } finally {
    await stop();
    await fake.close();
  }
});
