// The Chains page's cooling targets: after a chat trips a target's breaker, the page lists it with
// "Retry now", and retrying sends the next chat to it again instead of waiting out the cooldown.
import { errorReply, startFakeOpenAI } from '../fakes/openai';
import { addCustomProfile, expect, screenshot, startWebApp, test } from './fixtures';

test('a cooling target can be retried at once from the Chains page', async ({ page }) => {
  test.setTimeout(90_000);
  const broken = await startFakeOpenAI();
  broken.onChat(errorReply(503, 'The server is overloaded.'));
  const healthy = await startFakeOpenAI();
  const { app, stop } = await startWebApp();
  const chatRequests = () => broken.requests.filter((r) => r.path === '/v1/chat/completions').length;
  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();
  const chatOnce = async (message: string) => {
    await nav('Chat');
    await page.getByLabel('Chat target', { exact: true }).selectOption({ label: 'Guarded' });
    await page.getByLabel('Message').fill(message);
    await page.getByLabel('Message').press('Enter');
    await expect(page.getByTestId('message-assistant').last()).toContainText('answered by Healthy Cloud · small-model');
  };
  try {
    await page.goto(app.url);
    await addCustomProfile(page, 'Broken Cloud', `${broken.url}/v1`, 'big-model');
    await addCustomProfile(page, 'Healthy Cloud', `${healthy.url}/v1`, 'small-model');

    await nav('Chains');
    await expect(page.getByTestId('cooling-targets')).toHaveCount(0);
    await page.getByRole('button', { name: 'New chain' }).click();
    await page.getByLabel('Chain name').fill('Guarded');
    await page.getByLabel('Target 1 profile').selectOption({ label: 'Broken Cloud' });
    await page.getByLabel('Target 1 model').fill('big-model');
    await page.getByRole('button', { name: 'Add target' }).click();
    await page.getByLabel('Target 2 profile').selectOption({ label: 'Healthy Cloud' });
    await page.getByLabel('Target 2 model').fill('small-model');
    await page.getByLabel('Retries per target').fill('0');
    await page.getByLabel('Cool down after failed calls').fill('1');
    await page.getByLabel('Cooldown (ms)').fill('600000');
    await page.getByRole('button', { name: 'Save chain' }).click();
    await expect(page.getByTestId('chain-Guarded')).toContainText('cool down after 1 failed call for 600 s');

    // One failed call cools the broken target; the next chat skips it.
    await chatOnce('First question');
    await chatOnce('Second question');
    expect(chatRequests()).toBe(1);

    await nav('Chains');
    const cooling = page.getByTestId('cooling-targets');
    await expect(cooling).toContainText('Broken Cloud · big-model');
    await expect(cooling).toContainText('10 min left · 1 failed call');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `chains-cooling-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    // Keyboard: the button is reachable and works with Enter.
    await cooling.getByRole('button', { name: 'Retry Broken Cloud · big-model now' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('cooling-targets')).toHaveCount(0);

    // The next chat tries the broken target again (and, failing, falls back once more).
    await chatOnce('Third question');
    expect(chatRequests()).toBe(2);
  } finally {
    await stop();
    await broken.close();
    await healthy.close();
  }
});
