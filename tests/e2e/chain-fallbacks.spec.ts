// A chain target's fallback models are picked with the model picker and shown as chips: added with
// Enter (listed models or any typed name), removed with Backspace or the labelled ×, saved as a list.
import { startFakeOpenAI } from '../fakes/openai';
import { addCustomProfile, expect, test, screenshotThemes } from './fixtures';
import { pickModel } from './model-picker';

test('fallback models are chips chosen with the model picker, by keyboard, and saved as a list', async ({ appPage: page }) => {
  const fake = await startFakeOpenAI(['big-model', 'big-model-lite', 'big-model-mini']);
  try {
    await addCustomProfile(page, 'Cloud A', `${fake.url}/v1`, 'big-model');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chains' }).click();
    await page.getByRole('button', { name: 'New chain' }).click();
    await page.getByLabel('Chain name').fill('With fallbacks');
    await pickModel(page, 'Target 1', 'Cloud A big-model', /^big-model(?!-)/);

    const chips = page.getByRole('group', { name: 'Target 1 fallback models' });
    const add = page.getByRole('button', { name: 'Add to Target 1 fallback models', exact: true });
    const search = page.getByRole('combobox', { name: 'Search Add to Target 1 fallback models' });
    /**
     * Opens the picker from the keyboard, types, and takes the highlighted option with Enter once it
     * is `first`: typed before the profile's list has arrived, only "Use “…”" matches, and the
     * listed model takes the highlight when it appears above it.
     */
    const addByKeyboard = async (typed: string, first: string | RegExp) => {
      await add.focus();
      await page.keyboard.press('Enter');
      await search.fill(typed);
      await expect(page.getByRole('listbox').getByRole('option', { selected: true })).toHaveText(first);
      await expect(page.getByRole('listbox').getByRole('option').first()).toHaveText(first);
      await page.keyboard.press('Enter');
      await expect(search).toBeHidden();
      await expect(add).toBeFocused();
    };
    await addByKeyboard('lite', /big-model-lite/);
    await addByKeyboard('mini', /big-model-mini/);
    // A model the provider does not list can be typed.
    await addByKeyboard('custom-unlisted', /^Use “custom-unlisted”/);
    await expect(chips.getByRole('listitem')).toHaveText(['big-model-lite', 'big-model-mini', 'custom-unlisted']);
    // The list offers only this profile's models; the one already chosen is not added twice.
    await addByKeyboard('lite', /big-model-lite/);
    await expect(chips.getByRole('listitem')).toHaveCount(3);

    await screenshotThemes(page, 'chain-fallback-chips');
    await add.click();
    await search.fill('big');
    // The profile's own list, as everywhere else (recent models first).
    await expect(
      page
        .getByRole('listbox')
        .getByRole('group', { name: /^Cloud A/ })
        .getByRole('option'),
    ).toHaveText(['big-model', 'big-model-lite', 'big-model-mini']);
    // What the list already holds (and the target's own model) is marked as chosen.
    const cloudA = page.getByRole('listbox').getByRole('group', { name: /^Cloud A/ });
    for (const model of ['big-model', 'big-model-lite', 'big-model-mini']) {
      await expect(cloudA.getByRole('option', { name: new RegExp(`^${model}(?!-)`) }).getByLabel('selected')).toBeVisible();
    }
    await screenshotThemes(page, 'chain-fallback-picker');
    await page.keyboard.press('Escape');
    // The picker gives the focus back to its button a moment after it closes (Radix defers it); a
    // key pressed on a chip before then would lose its focus to the button.
    await expect(add).toBeFocused();

    // Backspace on a chip's × removes it; the keyboard stays on the chip that took its place.
    await page.getByRole('button', { name: 'Remove big-model-mini from Target 1 fallback models' }).focus();
    await page.keyboard.press('Backspace');
    await expect(chips.getByRole('listitem')).toHaveText(['big-model-lite', 'custom-unlisted']);
    await expect(page.getByRole('button', { name: 'Remove custom-unlisted from Target 1 fallback models' })).toBeFocused();
    // Backspace on the add button removes the last chip; the × button works with the mouse.
    await add.focus();
    await page.keyboard.press('Backspace');
    await expect(chips.getByRole('listitem')).toHaveText(['big-model-lite']);
    await addByKeyboard('mini', /big-model-mini/);
    await page.getByRole('button', { name: 'Remove big-model-mini from Target 1 fallback models' }).click();
    await expect(chips.getByRole('listitem')).toHaveText(['big-model-lite']);

    await page.getByRole('button', { name: 'Save chain' }).click();
    const chain = page.getByTestId('chain-With fallbacks');
    await expect(chain).toContainText('Cloud A · big-model → then big-model-lite');
    // Editing shows the saved list as chips again.
    await chain.getByRole('button', { name: 'Edit chain With fallbacks' }).click();
    await expect(page.getByRole('group', { name: 'Target 1 fallback models' }).getByRole('listitem')).toHaveText(['big-model-lite']);
  } finally {
    await fake.close();
  }
});
