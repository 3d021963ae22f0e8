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
