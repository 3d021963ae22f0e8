import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { errorReply, startFakeOpenAI } from '../fakes/openai';
import { freePort } from '../helpers/net';
import { addCustomProfile, expect, screenshot, startWebApp, test } from './fixtures';
import { pickModel } from './model-picker';

test('turn the gateway on, create a token, call it with the SDK and watch the request in the log', async ({ page }) => {
  const broken = await startFakeOpenAI();
  broken.onChat(errorReply(503, 'The server is overloaded.'));
  const healthy = await startFakeOpenAI();
  const { app, stop } = await startWebApp();
  const nav = page.getByRole('navigation', { name: 'Main' });
  try {
    await page.goto(app.url);
    await addCustomProfile(page, 'Broken Cloud', `${broken.url}/v1`, 'big-model');
    await addCustomProfile(page, 'Healthy Cloud', `${healthy.url}/v1`, 'small-model');
    await nav.getByRole('button', { name: 'Chains' }).click();
    await page.getByRole('button', { name: 'New chain' }).click();
    await page.getByLabel('Chain name').fill('Resilient');
    await pickModel(page, 'Target 1', 'Broken big-model', /^big-model/);
    await page.getByRole('button', { name: 'Add target' }).click();
    await pickModel(page, 'Target 2', 'Healthy small-model', /^small-model/);
    await page.getByLabel('Retries per target').fill('0');
    await page.getByRole('button', { name: 'Save chain' }).click();
    await expect(page.getByTestId('chain-Resilient')).toBeVisible();

    // Settings → Gateway: off by default; pick a free port, turn it on.
    await nav.getByRole('button', { name: 'Settings' }).click();
    const section = page.getByTestId('gateway-settings');
    await expect(section.getByTestId('gateway-state')).toHaveText(/Off/);
    const port = await freePort();
    await section.getByLabel('Port').fill(String(port));
    await section.getByRole('button', { name: 'Save port' }).click();
    await expect(section.getByRole('status').filter({ hasText: `Port ${port} saved.` })).toBeVisible();
    await section.getByRole('switch').check();
    await expect(section.getByTestId('gateway-state')).toContainText(`Running at http://127.0.0.1:${port}`);
    await expect(section).toContainText(`ANTHROPIC_BASE_URL=http://127.0.0.1:${port}`);

    // A token, shown once; and an alias so the SDK can ask for a Claude model name.
    await section.getByLabel('New token for').fill('e2e SDK');
    await section.getByRole('button', { name: 'Create token' }).click();
    const token = (await section.getByTestId('new-token').locator('code').first().textContent())!.trim();
    expect(token).toMatch(/^sk-sy-/);
    await expect(section.getByRole('row', { name: /e2e SDK/ })).toContainText(`sk-sy-…${token.slice(-4)}`);
    await section.getByLabel('Model aliases').fill('claude-sonnet-* = chain:Resilient');
    await section.getByRole('button', { name: 'Save aliases' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Aliases saved.' })).toBeVisible();
    await section.evaluate((element) => element.scrollIntoView());
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'gateway-settings-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'gateway-settings-dark');

    // A real client: the official Anthropic SDK, from outside the app.
    const client = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: token, maxRetries: 0 });
    const message = await client.messages.create({
      model: 'claude-sonnet-e2e',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Are you there?' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from the fake' }]);

    // The Gateway page shows it, with the fallback in its timeline.
    await nav.getByRole('button', { name: 'Gateway' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Gateway' })).toBeVisible();
    const entry = page.getByTestId('gateway-entry').first();
    await expect(entry).toContainText('claude-sonnet-e2e');
    await expect(entry).toContainText('→ chain:Resilient');
    await expect(entry).toContainText('e2e SDK');
    await expect(entry).toContainText('Healthy Cloud · small-model');
    await expect(entry).toContainText('200');
    // How much of the request was Switchyard itself, apart from the provider's time (a first
    // request also opens the chain and reads its keys, so any duration will do).
    await expect(entry).toContainText(/Gateway's share\s*\d+(\.\d+)? m?s/);
    await entry.getByTestId('attempt-timeline').getByRole('button').click();
    await expect(entry.getByTestId('attempt-timeline')).toContainText('server (503)');
    await expect(entry.getByTestId('attempt-timeline')).toContainText('answered');

    // A refused request appears too; the filter finds it.
    const stranger = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'sk-sy-wrong-token-000000000000000', maxRetries: 0 });
    await expect(
      stranger.messages.create({ model: 'claude-sonnet-e2e', max_tokens: 8, messages: [{ role: 'user', content: 'Hi' }] }),
    ).rejects.toMatchObject({ status: 401 });
    await expect(page.getByTestId('gateway-entry')).toHaveCount(2);
    await page.getByRole('radio', { name: 'Errors' }).click();
    await expect(page.getByTestId('gateway-entry')).toHaveCount(1);
    await expect(page.getByTestId('gateway-entry').first()).toContainText('no valid token');
    await page.getByRole('radio', { name: 'All' }).click();
    await page.getByLabel('Filter requests').fill('healthy');
    await expect(page.getByTestId('gateway-entry')).toHaveCount(1);
    await page.getByLabel('Filter requests').fill('');
    await page.getByTestId('gateway-entry').nth(1).getByTestId('attempt-timeline').getByRole('button').click();
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'gateway-log-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'gateway-log-dark');

    // Revoking the token in the UI refuses the client's next request.
    await nav.getByRole('button', { name: 'Settings' }).click();
    await section.getByRole('button', { name: 'Revoke e2e SDK' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await expect(section).toContainText('No tokens yet');
    await expect(
      client.messages.create({ model: 'claude-sonnet-e2e', max_tokens: 8, messages: [{ role: 'user', content: 'Hi' }] }),
    ).rejects.toMatchObject({ status: 401 });
  } finally {
    await stop();
    await broken.close();
    await healthy.close();
  }
});

test('browser mode starts the gateway at launch when it was left on', async () => {
  const home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-e2e-gateway-'));
  const port = await freePort();
  await writeFile(path.join(home, 'config.json'), JSON.stringify({ schemaVersion: 1, gateway: { enabled: true, port } }));
  const { app, stop } = await startWebApp({ SWITCHYARD_HOME: home });
  try {
    await expect.poll(() => app.output()).toContain(`Gateway: http://127.0.0.1:${port}`);
    const refused = await fetch(`http://127.0.0.1:${port}/v1/models`);
    expect(refused.status).toBe(401);
  } finally {
    await stop();
    await rm(home, { recursive: true, force: true });
  }
});
