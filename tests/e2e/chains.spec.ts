import { errorReply, startFakeOpenAI } from '../fakes/openai';
import { addCustomProfile, expect, screenshot, startWebApp, test } from './fixtures';
import { pickModel } from './model-picker';

test('a chain of two providers falls back when the first fails, and the chat shows it', async ({ page }) => {
  const broken = await startFakeOpenAI();
  broken.onChat(errorReply(503, 'The server is overloaded.'));
  const healthy = await startFakeOpenAI();
  const { app, stop } = await startWebApp();
  try {
    await page.goto(app.url);
    await addCustomProfile(page, 'Broken Cloud', `${broken.url}/v1`, 'big-model');
    await addCustomProfile(page, 'Healthy Cloud', `${healthy.url}/v1`, 'small-model');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chains' }).click();
    await page.getByRole('button', { name: 'New chain' }).click();
    // An empty name and a target without a model are reported together.
    await page.getByRole('button', { name: 'Add target' }).click();
    await page.getByRole('button', { name: 'Save chain' }).click();
    await expect(page.getByRole('alert')).toContainText('Give the chain a name.');
    await expect(page.getByRole('alert')).toContainText('Target 2 has no model.');

    await page.getByLabel('Chain name').fill('Resilient');
    await pickModel(page, 'Target 1', 'Healthy small-model', /^small-model/);
    await pickModel(page, 'Target 2', 'Broken big-model', /^big-model/);
    // Reorder with the keyboard: the broken one goes first.
    await page.getByRole('button', { name: 'Move target 2 up' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Target 1', exact: true })).toContainText('big-model');
    await page.getByLabel('Retries per target').fill('1');
    // One cooldown rule, in seconds.
    await page.getByLabel('Cooldown in seconds').fill('45');
    await page.getByRole('button', { name: 'Save chain' }).click();
    const chain = page.getByTestId('chain-Resilient');
    await expect(chain).toContainText('Broken Cloud · big-model');
    await expect(chain).toContainText('skip a target for 45 s');

    // Dry run: the first target always 503 → the second answers, no tokens spent.
    await chain.getByRole('button', { name: 'Run dry run' }).click();
    await expect(chain.getByTestId('dry-run-result')).toContainText('Answered by Healthy Cloud · small-model');
    // Drawn to scale: the 503s, the wait before the retry, then the answer; each line once.
    await expect(chain.getByTestId('dry-run-attempt')).toHaveCount(3);
    await expect(chain.getByTestId('dry-run-attempt').nth(0)).toContainText('server 503 · 200 ms');
    await expect(chain.getByTestId('dry-run-attempt').nth(1)).toContainText(/wait \d+ ms · server 503 · 200 ms/);
    await expect(chain.getByTestId('dry-run-attempt').nth(2)).toContainText('answered · 800 ms');
    await screenshot(page, 'chains-dry-run');

    // A route and its preview.
    await page.getByLabel('New route hint').fill('safe');
    await page.getByRole('button', { name: 'Add route' }).click();
    await page.getByPlaceholder('type a model string').fill('hint:safe');
    await expect(page.getByTestId('route-preview')).toContainText('chain "Resilient"');

    // Chat through the chain: the answer comes from the second target; the timeline shows why.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chat' }).click();
    await pickModel(page, 'Chat model', 'Resilient', /Resilient/);
    await page.getByLabel('Message').fill('Are you there?');
    await page.getByLabel('Message').press('Enter');
    const answer = page.getByTestId('message-assistant').last();
    await expect(answer).toContainText('Hello from the fake');
    await expect(answer).toContainText('answered by Healthy Cloud · small-model');
    await answer.getByTestId('attempt-timeline').getByRole('button').click();
    await expect(answer.getByTestId('attempt-timeline')).toContainText('server (503)');
    await expect(answer.getByTestId('attempt-timeline')).toContainText('answered');
    expect(broken.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(2);
    await screenshot(page, 'chat-through-chain');
  } finally {
    await stop();
    await broken.close();
    await healthy.close();
  }
});
