// The Chains page's cooling targets: after a chat trips a target's breaker, the page lists it with
// "Retry now", and retrying sends the next chat to it again instead of waiting out the cooldown.
import { errorReply, startFakeOpenAI } from '../fakes/openai';
import { addCustomProfile, expect, startWebApp, test, screenshotThemes } from './fixtures';
import { pickModel } from './model-picker';

test('a cooling target can be retried at once from the Chains page', async ({ page }) => {
  const broken = await startFakeOpenAI();
  broken.onChat(errorReply(503, 'The server is overloaded.'));
  const healthy = await startFakeOpenAI();
  const { app, stop } = await startWebApp();
  const chatRequests = () => broken.requests.filter((r) => r.path === '/v1/chat/completions').length;
  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();
  const chatOnce = async (message: string) => {
    await nav('Chat');
    await pickModel(page, 'Chat model', 'Guarded', /Guarded/);
    // Wait for this question's own answer, not the previous one's.
    const answers = await page.getByTestId('message-assistant').count();
    await page.getByLabel('Message').fill(message);
    await page.getByLabel('Message').press('Enter');
    await expect(page.getByTestId('message-assistant')).toHaveCount(answers + 1);
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
    await pickModel(page, 'Target 1', 'Broken big-model', /^big-model/);
    await page.getByRole('button', { name: 'Add target' }).click();
    await pickModel(page, 'Target 2', 'Healthy small-model', /^small-model/);
    await page.getByLabel('Retries per target').fill('0');
    await page.getByLabel('Failed calls in a row before cooling down').fill('1');
    await page.getByLabel('Cooldown in seconds').fill('600');
    await page.getByRole('button', { name: 'Save chain' }).click();
    await expect(page.getByTestId('chain-Guarded')).toContainText('after 1 failed call in a row, skip a target for 10 min');

    // One failed call cools the broken target; the next chat skips it.
    await chatOnce('First question');
    await chatOnce('Second question');
    expect(chatRequests()).toBe(1);

    await nav('Chains');
    const cooling = page.getByTestId('cooling-targets');
    await expect(cooling).toContainText('Broken Cloud · big-model');
    await expect(cooling).toContainText('10 min left · 1 failed call');
    await screenshotThemes(page, 'chains-cooling');
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
