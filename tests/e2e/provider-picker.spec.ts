// Add provider while the catalog is still on its way: a line that says so, not a list that jumps.
// The custom endpoint used to be listed alone at first and then pushed down by the forty rows that
// arrived above it, so a click aimed at it could land on another row (a CI run waited five minutes
// for a form that never opened). A catalog that cannot be read says so; the custom endpoint still works.
import type { Page } from '@playwright/test';
import { expect, screenshotThemes, test } from './fixtures';

/** The host's answer to `providers.catalog` is held until `release()`, or replaced by a failure. */
async function interceptCatalog(page: Page, mode: 'hold' | 'fail') {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.routeWebSocket(/\/ws\?token=/, (ws) => {
    const server = ws.connectToServer();
    const catalogCalls = new Set<number>();
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { id?: number; method?: string };
      if (frame.method === 'providers.catalog' && typeof frame.id === 'number') catalogCalls.add(frame.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { type: string; id?: number };
      if (frame.type !== 'result' || frame.id === undefined || !catalogCalls.has(frame.id)) return ws.send(message);
      if (mode === 'hold') return void released.then(() => ws.send(message));
      const envelope = { ok: false, error: { code: 'internal', message: 'The catalog could not be built.' } };
      ws.send(JSON.stringify({ type: 'result', id: frame.id, envelope }));
    });
  });
  return { release };
}

test('Add provider lists nothing until the catalog is read, then the list stays put', async ({ page, webApp }) => {
  const catalog = await interceptCatalog(page, 'hold');
  await page.goto(webApp.url);
  await page.getByRole('button', { name: 'Add provider' }).first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('Reading the provider catalog…')).toBeVisible();
  await expect(dialog.getByRole('button', { name: /Custom OpenAI-compatible endpoint/ })).toHaveCount(0);
  // Typing already works, and what is typed filters the list when it comes.
  await dialog.getByLabel('Search providers').fill('claude');
  catalog.release();
  await expect(dialog.getByText('Reading the provider catalog…')).toBeHidden();
  await expect(dialog.getByRole('list', { name: 'Providers' }).getByRole('button').first()).toContainText('Anthropic');
  await dialog.getByRole('button', { name: /Custom OpenAI-compatible endpoint/ }).click();
  await expect(dialog.getByLabel('Name')).toBeVisible();
});

test('a catalog that cannot be read says so, and the custom endpoint still opens its form', async ({ page, webApp }) => {
  await interceptCatalog(page, 'fail');
  await page.goto(webApp.url);
  await page.getByRole('button', { name: 'Add provider' }).first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('alert')).toHaveText(
    'The provider catalog could not be read. The catalog could not be built. A custom endpoint still works.',
  );
  await expect(dialog.getByText(/No provider matches/)).toHaveCount(0);
  await screenshotThemes(page, 'provider-picker-catalog-error');
  await dialog.getByRole('button', { name: /Custom OpenAI-compatible endpoint/ }).click();
  await expect(dialog.getByLabel('Name')).toBeVisible();
});
