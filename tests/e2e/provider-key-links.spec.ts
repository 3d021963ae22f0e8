// Add provider links each cloud provider to the page that creates its API keys; a provider without
// a confirmed key page links to its API docs instead.
import { expect, test, screenshotThemes } from './fixtures';

test('"Get a key" opens each provider\'s own key page', async ({ appPage: page }) => {
  await page.getByRole('button', { name: 'Add provider' }).first().click();
  const dialog = page.getByRole('dialog');
  const search = dialog.getByLabel('Search providers');
  const cases: Array<[string, string, string]> = [
    ['groq', 'Groq', 'https://console.groq.com/keys'],
    ['mistral', 'Mistral', 'https://console.mistral.ai/api-keys'],
    ['deepseek', 'DeepSeek', 'https://platform.deepseek.com/api_keys'],
    ['kimi', 'Moonshot (Kimi)', 'https://platform.moonshot.cn/console/api-keys'],
  ];
  for (const [typed, name, page_] of cases) {
    await search.fill(typed);
    await expect(dialog.getByRole('link', { name: `Get a key for ${name}` })).toHaveAttribute('href', page_);
  }
  // Ollama has no key; its API docs are linked.
  await search.fill('ollama');
  await expect(dialog.getByRole('link', { name: 'API docs for Ollama' })).toBeVisible();
  await search.fill('');
  await screenshotThemes(page, 'provider-key-links');
});
