import { startFakeOpenAI } from '../fakes/openai';
import { addCustomProfile, expect, test } from './fixtures';

// A model list that arrives while the user is clicking a model must not swallow the click: the
// picker used to re-sort every row of the list (moving each one in the page) whenever a row came
// or went, and a row moved between mouse down and mouse up gets no click in Chromium.
test('a click on a model still picks it when another profile’s list arrives mid-click', async ({ appPage: page, webApp }) => {
  const quick = await startFakeOpenAI(['quick-model', 'quick-model-mini']);
  const late = await startFakeOpenAI(['late-model', 'late-model-large']);
  let releaseLateList = () => {};
  const lateListHeld = new Promise<void>((resolve) => (releaseLateList = resolve));
  try {
    await addCustomProfile(page, 'Quick Cloud', quick.baseUrl, 'quick-model');
    await addCustomProfile(page, 'Late Cloud', late.baseUrl, 'late-model');
    // From now on Late Cloud's model list waits until the test lets it go.
    late.route('GET', '/v1/models', async () => {
      await lateListHeld;
      return {
        body: {
          object: 'list',
          data: ['late-model', 'late-model-large'].map((id) => ({ id, object: 'model', created: 1, owned_by: 'fake' })),
        },
      };
    });
    await page.goto(webApp.url); // a fresh page: forget the lists the Providers page already read
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Compare' }).click();

    await page.getByRole('button', { name: 'Target 1', exact: true }).click();
    const search = page.getByRole('combobox', { name: 'Search Target 1' });
    await search.fill('model'); // every profile's models match
    const listbox = page.getByRole('listbox');
    const loadingRow = listbox.getByText('Loading Late Cloud’s models…');
    await expect(loadingRow).toBeVisible();
    const choice = listbox.getByRole('option').filter({ has: page.getByText('quick-model', { exact: true }) });
    await expect(choice).toBeVisible();

    const box = await choice.boundingBox();
    if (!box) throw new Error('the option has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    releaseLateList();
    await expect(listbox.getByText('late-model-large', { exact: true })).toBeVisible();
    await expect(loadingRow).toBeHidden();
    await page.mouse.up();

    await expect(search).toBeHidden();
    await expect(page.getByTestId('model-picker-Target 1').locator('.model-trigger__model')).toHaveText('quick-model');
  } finally {
    releaseLateList();
    await quick.close();
    await late.close();
  }
});
