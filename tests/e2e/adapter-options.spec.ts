// A provider's adapter options come from its family's schema (electron/providers/<family>/index.ts):
// Ollama's "Thinking" is a yes/no folded under "More options"; it is kept with the profile, shown
// again on edit, and reaches the wire as `think: true`.
import { startFakeOllama } from '../fakes/ollama';
import { expect, startWebApp, test, screenshotThemes } from './fixtures';
import { chooseDefaultModel } from './model-picker';

test('an option from the family schema is saved, shown again on edit and sent to the provider', async ({ page }) => {
  const fake = await startFakeOllama();
  const { app, stop } = await startWebApp({ OLLAMA_HOST: fake.url });
  try {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Add provider' }).first().click();
    await page.getByLabel('Search providers').fill('ollama');
    await page
      .getByRole('button', { name: /^Ollama/ })
      .first()
      .click();
    await expect(page.getByLabel('Thinking')).toBeHidden();
    await page.getByText('More options').click();
    await page.getByLabel('Thinking').selectOption('true');
    await chooseDefaultModel(page, 'llama3.2:3b');
    await screenshotThemes(page, 'adapter-options');
    await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();

    const row = page.getByTestId('profile-Ollama');
    await row.getByRole('button', { name: 'Test' }).click();
    await expect(row.getByTestId('stage-completion')).toHaveAttribute('data-verdict', 'pass');
    const chats = fake.requests.filter((request) => request.path === '/api/chat');
    expect(chats.length).toBeGreaterThan(0);
    expect(chats.every((request) => (request.body as { think?: unknown }).think === true)).toBe(true);

    await row.getByRole('button', { name: 'Edit Ollama' }).click();
    // Unfolded, since the profile sets one of its options.
    await expect(page.getByLabel('Thinking')).toHaveValue('true');
  } finally {
    await stop();
    await fake.close();
  }
});
