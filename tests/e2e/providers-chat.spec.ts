import { requireKey, sseStream, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai';
import { expect, recordFrames, screenshot, startWebApp, storageDump, test, screenshotThemes } from './fixtures';
import { chooseDefaultModel } from './model-picker';

const GOOD_KEY = 'sk-e2e-GOODKEY-0123456789abcdefghijklmn';
const WRONG_KEY = 'sk-e2e-WRONGKEY-9876543210zyxwvutsrqpo';

/** A fake that checks the key like a real provider, echoing a wrong one back in its 401 body. */
async function keyCheckingFake(): Promise<FakeOpenAI> {
  const fake = await startFakeOpenAI(['gpt-fake', 'gpt-fake-mini']);
  const denied = requireKey(fake, GOOD_KEY);
  let slowServed = false;
  fake.onChat((req) => {
    const refusal = denied(req);
    if (refusal) return refusal;
    const body = req.body as { stream?: boolean; messages: Array<{ content: string }>; max_tokens?: number };
    const last = body.messages.at(-1)?.content ?? '';
    if (body.max_tokens === 1) return { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [sseStream(['ok'])] };
    // The first "slowly" request streams slowly (to be stopped); its regeneration answers at once.
    if (last.includes('slowly') && !slowServed) {
      slowServed = true;
      // One token every 300 ms: slow enough to stop mid-way.
      const events = sseStream(Array.from({ length: 40 }, (_, i) => `word${i} `))
        .split('\n\n')
        .filter(Boolean)
        .map((e) => `${e}\n\n`);
      return { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: events.flatMap((e) => [e, { delayMs: 300 }]) };
    }
    const answer =
      body.messages.length > 2
        ? ['Here', ' is', ' a', ' **fresh**', ' answer.']
        : ['Hello', ' from', ' the', ' **fake**', ' provider.', '\n\n```ts\nconst x = 1;\n```'];
    return {
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      chunks: [sseStream(answer, { usage: { prompt_tokens: 9, completion_tokens: answer.length, total_tokens: 9 + answer.length } })],
    };
  });
  return fake;
}

test('add a provider, test it, catch a wrong key, chat, stop, regenerate, reload', async ({ page }) => {
  const fake = await keyCheckingFake();
  const { app, stop } = await startWebApp();
  const frames = recordFrames(page);
  try {
    await page.goto(app.url);
    await expect(page.getByRole('heading', { name: 'No providers yet' })).toBeVisible();
    await screenshot(page, 'providers-empty');

    // Add a custom OpenAI-compatible profile with a key.
    await page.getByRole('button', { name: 'Add provider' }).first().click();
    await page.getByRole('button', { name: /Custom OpenAI-compatible endpoint/ }).click();
    await page.getByLabel('Name').fill('Fake Cloud');
    await page.getByLabel(/Base URL/).fill(fake.url);
    await expect(page.getByText('usually serve under /v1')).toBeVisible();
    await page.getByRole('button', { name: `Use ${fake.url}/v1` }).click();
    await page.getByTestId('key-input').fill(GOOD_KEY);
    await chooseDefaultModel(page, 'gpt-fake');
    await screenshot(page, 'providers-add-dialog');
    await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();
    const row = page.getByTestId('profile-Fake Cloud');
    await expect(row).toContainText('sk-…klmn');

    // Test: every stage green, with latency.
    await row.getByRole('button', { name: 'Test' }).click();
    for (const stage of ['connect', 'auth', 'models', 'completion'])
      await expect(row.getByTestId(`stage-${stage}`)).toHaveAttribute('data-verdict', 'pass');
    await expect(row.getByTestId('stage-completion')).toContainText(/answered in \d+ ms/);
    await screenshot(page, 'providers-tested');

    // A wrong key: the auth stage fails with the hint.
    await row.getByRole('button', { name: 'Edit Fake Cloud' }).click();
    await page.getByTestId('key-input').fill(WRONG_KEY);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await row.getByRole('button', { name: 'Test' }).click();
    await expect(row.getByTestId('stage-auth')).toHaveAttribute('data-verdict', 'fail');
    await expect(row.getByTestId('stage-auth')).toContainText('401: the key was rejected; check it belongs to this provider');
    await screenshot(page, 'providers-wrong-key');

    // Back to the good key for the chat.
    await row.getByRole('button', { name: 'Edit Fake Cloud' }).click();
    await page.getByTestId('key-input').fill(GOOD_KEY);
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    // Chat with streaming.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chat' }).click();
    // The model picker comes with the profile's default model and offers the provider's own list.
    await expect(page.getByRole('button', { name: 'Chat model', exact: true })).toContainText('gpt-fake');
    await page.getByRole('button', { name: 'Chat model', exact: true }).click();
    await expect(page.getByRole('listbox').getByRole('option', { name: /gpt-fake-mini/ })).toBeVisible();
    await page.keyboard.press('Escape');
    // Closed: the picker has given the focus back to its button (Radix defers that a moment).
    await expect(page.getByRole('button', { name: 'Chat model', exact: true })).toBeFocused();
    await page.getByLabel('Message').fill('Say hello');
    await page.getByLabel('Message').press('Enter');
    const answer = page.getByTestId('message-assistant').last();
    await expect(answer).toContainText('Hello from the fake provider.');
    await expect(answer.locator('code.hljs, pre code')).toContainText('const x = 1;');
    await expect(answer.getByTestId('message-metrics')).toContainText(/TTFT \d+ ms/);
    await screenshot(page, 'chat-answer');

    // Stop mid-stream: the fake sees the connection closed.
    await page.getByLabel('Message').fill('Count slowly');
    await page.getByLabel('Message').press('Enter');
    await expect(page.getByTestId('message-streaming')).toContainText('word1');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByTestId('message-assistant').last()).toContainText('Stopped');
    await expect.poll(() => fake.aborted.length).toBe(1);

    // Regenerate the last answer.
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await expect(page.getByTestId('message-assistant').last()).toContainText('Here is a fresh answer.');

    // Reload: the conversation is still there.
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chat' }).click();
    await expect(page.getByRole('complementary', { name: 'Conversations' })).toContainText('Say hello');
    await expect(page.getByTestId('message-assistant').last()).toContainText('Here is a fresh answer.');
    await screenshot(page, 'chat-reloaded');

    // No trace of either key in the DOM or the storage. Over the WebSocket the host never sends a
    // key back; the only frames that carry one are the renderer's own "save this key" calls.
    const dump = await storageDump(page);
    for (const key of [GOOD_KEY, WRONG_KEY]) {
      expect(dump).not.toContain(key);
      const carrying = frames.filter((frame) => frame.text.includes(key));
      expect(carrying.filter((frame) => !frame.sent)).toEqual([]);
      expect(
        carrying
          .map((frame) => (JSON.parse(frame.text) as { method: string }).method)
          .every((method) => method === 'profiles.create' || method === 'profiles.setKey'),
      ).toBe(true);
    }
  } finally {
    await stop();
    await fake.close();
  }
});

test('providers and chat pages in light and dark', async ({ page }) => {
  const fake = await keyCheckingFake();
  const { app, stop } = await startWebApp();
  try {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Add provider' }).first().click();
    await screenshotThemes(page, 'providers-picker');
    await page.getByRole('button', { name: /Custom OpenAI-compatible endpoint/ }).click();
    await page.getByLabel('Name').fill('Fake Cloud');
    await page.getByLabel(/Base URL/).fill(`${fake.url}/v1`);
    await page.getByTestId('key-input').fill(GOOD_KEY);
    await chooseDefaultModel(page, 'gpt-fake');
    await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();
    await page.getByTestId('profile-Fake Cloud').getByRole('button', { name: 'Test' }).click();
    await expect(page.getByTestId('profile-Fake Cloud').getByTestId('stage-completion')).toHaveAttribute('data-verdict', 'pass');
    await screenshotThemes(page, 'providers');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chat' }).click();
    await page.getByLabel('Message').fill('Say hello');
    // Enter sends once the chat has its target and model (preselected when the page loads).
    await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
    await page.getByLabel('Message').press('Enter');
    await expect(page.getByTestId('message-assistant').last()).toContainText('Hello from the fake provider.');
    await screenshotThemes(page, 'chat');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByTestId('data-dir')).toContainText(app.dataDir);
    await screenshotThemes(page, 'settings');
  } finally {
    await stop();
    await fake.close();
  }
});

test('a regional provider asks for its region and keeps the choice', async ({ page }) => {
  const { app, stop } = await startWebApp();
  try {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Add provider' }).first().click();
    await page.getByLabel('Search providers').fill('kimi');
    await page.getByRole('button', { name: /Moonshot \(Kimi\)/ }).click();
    await page.getByLabel('Region').selectOption('moonshot-intl');
    await page.getByTestId('key-input').fill('moonshot-test-key-0123456789');
    await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();
    const row = page.getByTestId('profile-Moonshot (Kimi)');
    await expect(row).toContainText('Moonshot (Kimi)');
    await row.getByRole('button', { name: 'Edit Moonshot (Kimi)' }).click();
    await expect(page.getByLabel('Region')).toHaveValue('moonshot-intl');
  } finally {
    await stop();
  }
});

test('Azure OpenAI asks for its endpoint, deployment, api-version and credential kind', async ({ page }) => {
  const { app, stop } = await startWebApp();
  try {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Add provider' }).first().click();
    await page.getByLabel('Search providers').fill('azure');
    await page.getByRole('button', { name: /Azure OpenAI/ }).click();
    await page.getByLabel(/Base URL/).fill('https://contoso.openai.azure.com');
    await page.getByLabel('Deployment (optional)').fill('gpt-4o-prod');
    await page.getByLabel('API version').fill('2024-10-21');
    await page.getByLabel('Credential').selectOption('bearer');
    await page.getByTestId('key-input').fill('entra-token-0123456789');
    await screenshot(page, 'providers-azure-form');
    await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();
    const row = page.getByTestId('profile-Azure OpenAI');
    await expect(row).toContainText('https://contoso.openai.azure.com');
    await row.getByRole('button', { name: 'Edit Azure OpenAI' }).click();
    await expect(page.getByLabel('Deployment (optional)')).toHaveValue('gpt-4o-prod');
    await expect(page.getByLabel('Credential')).toHaveValue('bearer');
  } finally {
    await stop();
  }
});
