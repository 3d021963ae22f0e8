// Using the model picker as a person does: open it by its label, type, pick the option.
import { expect, type Page } from '@playwright/test';

export async function pickModel(page: Page, label: string, search: string, option: RegExp | string = search): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  const input = page.getByRole('combobox', { name: `Search ${label}` });
  await input.fill(search);
  const choice = page.getByRole('listbox').getByRole('option', { name: option }).first();
  await expect(choice).toBeVisible();
  await choice.click();
  await expect(input).toBeHidden();
}

/**
 * Sets a profile's default model in the Add/Edit dialog: the model itself when the picker lists it,
 * else the "Use “…”" row that takes any typed name.
 */
export async function chooseDefaultModel(page: Page, model: string): Promise<void> {
  const label = 'Default model';
  await page.getByRole('button', { name: label, exact: true }).click();
  const input = page.getByRole('combobox', { name: `Search ${label}` });
  await input.fill(model);
  const typedName = new RegExp(`^Use “${model.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”`);
  const choice = page
    .getByRole('listbox')
    .getByRole('option', { name: model, exact: true })
    .or(page.getByRole('listbox').getByRole('option', { name: typedName }))
    .first();
  await expect(choice).toBeVisible();
  await choice.click();
  await expect(input).toBeHidden();
}
