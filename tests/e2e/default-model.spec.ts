// A new profile's default model is chosen with the model picker: any typed name before the test,
// then the models "Test before saving" found.
import { startFakeOpenAI } from '../fakes/openai';
import { expect, test, screenshotThemes } from './fixtures';

test('a new profile picks its default model from what the test found, or any typed name', async ({ appPage: page }) => {
  const fake = await startFakeOpenAI(['gpt-fake', 'gpt-fake-mini']);
  try {
    await page.getByRole('button', { name: 'Add provider' }).first().click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Custom OpenAI-compatible endpoint/ })
      .click();
    await page.getByLabel('Name').fill('Fake Cloud');
    await page.getByLabel(/Base URL/).fill(`${fake.url}/v1`);
    await page.getByTestId('key-input').fill('sk-e2e-default-model-0123456789abcdef');

    const trigger = page.getByRole('button', { name: 'Default model', exact: true });
    const search = page.getByRole('combobox', { name: 'Search Default model' });
    const options = page.getByRole('listbox').getByRole('option');
    // Before the test: nothing listed yet, and it says how to get the list; a typed name still works.
    await trigger.click();
    await expect(options.first()).toContainText('No list yet');
    await search.fill('my-own-model');
    await page.keyboard.press('Enter');
    await expect(search).toBeHidden();
    await expect(trigger).toContainText('my-own-model');

    // After the test, the picker lists what it found.
    await page.getByRole('button', { name: 'Test before saving' }).click();
    await expect(page.getByTestId('draft-test')).toContainText('Works: every stage passed.');
    await expect(page.getByText('2 models found by the test')).toBeVisible();
    await trigger.click();
    await expect(options).toHaveText(['gpt-fake', 'gpt-fake-mini', 'None: the first listed model']);
    await screenshotThemes(page, 'default-model-picker');
    // Keyboard: type to filter, Enter takes the match.
    await search.fill('mini');
    await page.keyboard.press('Enter');
    await expect(trigger).toContainText('gpt-fake-mini');

    await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();
    const row = page.getByTestId('profile-Fake Cloud');
    await expect(row).toBeVisible();
    // The saved default is the picked one: editing shows it in the saved profile's picker.
    await row.getByRole('button', { name: 'Edit Fake Cloud' }).click();
    await expect(page.getByRole('button', { name: 'Default model', exact: true })).toContainText('gpt-fake-mini');
  } finally {
    await fake.close();
  }
});
