import type { Page } from '@playwright/test';
import { startFakeOpenAI } from '../fakes/openai';
import { addCustomProfile, expect, test } from './fixtures';

/**
 * Two profiles: Quick Cloud lists its models at once; Late Cloud's list, from `hold(models)` on,
 * waits until the release that `hold` returns is called, then lists `models`.
 */
async function quickAndLateProfiles(page: Page) {
  const quick = await startFakeOpenAI(['quick-model', 'quick-model-mini']);
  const late = await startFakeOpenAI(['late-model', 'late-model-large']);
  const releases: Array<() => void> = [];
  const close = async () => {
    for (const release of releases) release();
    await quick.close();
    await late.close();
  };
  try {
    await addCustomProfile(page, 'Quick Cloud', quick.baseUrl, 'quick-model');
    await addCustomProfile(page, 'Late Cloud', late.baseUrl, 'late-model');
  } catch (error) {
    await close();
    throw error;
  }
  const hold = (models = ['late-model', 'late-model-large']) => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    releases.push(release);
    late.route('GET', '/v1/models', async () => {
      await held;
      return {
        body: {
          object: 'list',
          data: models.map((id) => ({ id, object: 'model', created: 1, owned_by: 'fake' })),
        },
      };
    });
    return release;
  };
  return { hold, close };
}

/**
 * Compare's first target picker, searched, after a reload (which forgets the lists already read).
 * Compare is the first page opened after the reload: it reads the profiles itself (it used to say
 * "No providers" until another page had read them).
 */
async function searchTarget1(page: Page, typed: string) {
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Compare' }).click();
  await page.getByRole('button', { name: 'Target 1', exact: true }).click();
  const search = page.getByRole('combobox', { name: 'Search Target 1' });
  await search.fill(typed);
  const listbox = page.getByRole('listbox');
  return { search, listbox, loadingRow: listbox.getByText('Loading Late Cloud’s models…') };
}

const chosenModel = (page: Page) => page.getByTestId('model-picker-Target 1').locator('.model-trigger__model');

// A model list that arrives while the user is clicking a model must not swallow the click: the
// picker used to re-sort every row of the list (moving each one in the page) whenever a row came
// or went, and a row moved between mouse down and mouse up gets no click in Chromium.
test('a click on a model still picks it when another profile’s list arrives mid-click', async ({ appPage: page }) => {
  const profiles = await quickAndLateProfiles(page);
  try {
    const release = profiles.hold();
    const { search, listbox, loadingRow } = await searchTarget1(page, 'model'); // every profile's models match
    await expect(loadingRow).toBeVisible();
    const choice = listbox.getByRole('option').filter({ has: page.getByText('quick-model', { exact: true }) });
    await expect(choice).toBeVisible();

    const box = await choice.boundingBox();
    if (!box) throw new Error('the option has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    release();
    await expect(listbox.getByText('late-model-large', { exact: true })).toBeVisible();
    await expect(loadingRow).toBeHidden();
    await page.mouse.up();

    await expect(search).toBeHidden();
    await expect(chosenModel(page)).toHaveText('quick-model');
  } finally {
    await profiles.close();
  }
});

// Typed before a list arrived, the only match is "Use “…”"; the listed model that then appears
// above it takes the highlight, so Enter picks it. A highlight the user moved stays where it is.
test('the highlight follows the first row as a list arrives, until the user moves it', async ({ appPage: page }) => {
  const profiles = await quickAndLateProfiles(page);
  try {
    let release = profiles.hold();
    let { search, listbox } = await searchTarget1(page, 'large');
    const highlighted = () => listbox.getByRole('option', { selected: true });
    await expect(highlighted()).toHaveText('Use “large” with Quick Cloud');
    await expect(listbox.getByRole('option')).toHaveText(['Use “large” with Quick Cloud', 'Use “large” with Late Cloud']);
    release();
    await expect(listbox.getByText('late-model-large', { exact: true })).toBeVisible();
    await expect(highlighted()).toHaveText(/^late-model-large/);
    await page.keyboard.press('Enter');
    await expect(search).toBeHidden();
    await expect(chosenModel(page)).toHaveText('late-model-large');

    // Again with another model (late-model-large is now a recent pick, listed at once).
    release = profiles.hold(['late-model', 'late-model-xl']);
    ({ search, listbox } = await searchTarget1(page, 'xl'));
    await expect(highlighted()).toHaveText('Use “xl” with Quick Cloud');
    await page.keyboard.press('ArrowDown');
    await expect(highlighted()).toHaveText('Use “xl” with Late Cloud');
    release();
    await expect(listbox.getByText('late-model-xl', { exact: true })).toBeVisible();
    await expect(highlighted()).toHaveText('Use “xl” with Late Cloud');
    await page.keyboard.press('Enter');
    await expect(search).toBeHidden();
    await expect(chosenModel(page)).toHaveText('xl');
  } finally {
    await profiles.close();
  }
});
