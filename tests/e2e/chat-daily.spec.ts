// The Chat page in daily use: a message survives the host being unreachable, Esc stops an answer
// (and that is no failed attempt), edit and resend, code blocks with their language and Copy,
// images, rename, search inside messages, and delete with Undo, all from the keyboard where it matters.
import type { Page, WebSocketRoute } from '@playwright/test';
import { chunkJson, sseReply, sseStream, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai';
import type { ChunkStep } from '../fakes/server';
import { addCustomProfile, expect, screenshot, startWebApp, test } from './fixtures';

/** Cuts and restores the page's link to the host, as a restart or a dropped network would. */
async function hostLink(page: Page) {
  let reachable = true;
  const open: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/ws\?token=/, (ws) => {
    if (!reachable) return void ws.close({ code: 4000, reason: 'Switchyard is not reachable.' });
    ws.connectToServer();
    open.push(ws);
  });
  return {
    async cut() {
      reachable = false;
      for (const ws of open.splice(0)) await ws.close({ code: 4000, reason: 'Switchyard is not reachable.' });
    },
    restore() {
      reachable = true;
    },
  };
}

/** Answers by what was asked: code, a slow count (to be stopped), or a plain greeting. */
async function chattyFake(): Promise<FakeOpenAI> {
  const fake = await startFakeOpenAI(['gpt-fake', 'gpt-fake-mini']);
  fake.onChat((req) => {
    const body = req.body as { messages: Array<{ content: unknown }> };
    const last = JSON.stringify(body.messages.at(-1)?.content ?? '');
    if (last.includes('code')) return sseReply(sseStream(['Here it is:\n\n```python\nprint("hi")\n```\n']));
    if (last.includes('slowly')) {
      const steps: ChunkStep[] = [];
      for (let i = 0; i < 40; i += 1) steps.push(`data: ${JSON.stringify(chunkJson({ content: `word${i} ` }))}\n\n`, { delayMs: 300 });
      return sseReply('', steps);
    }
    return sseReply(sseStream(['Hello', ' from', ' the', ' fake', ' about sourdough.']));
  });
  return fake;
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();

test('a message sent while the host is unreachable is kept, said so, and sent when it is back', async ({ page }) => {
  const fake = await chattyFake();
  const { app, stop } = await startWebApp();
  try {
    await page.setViewportSize({ width: 900, height: 700 });
    const link = await hostLink(page);
    await page.goto(app.url);
    await addCustomProfile(page, 'Fake Cloud', `${fake.url}/v1`, 'gpt-fake');
    await nav(page, 'Chat');
    await expect(page.getByRole('button', { name: 'Chat model', exact: true })).toContainText('gpt-fake');

    await link.cut();
    await expect(page.getByTestId('connection-banner')).toBeVisible();
    const box = page.getByLabel('Message');
    await box.fill('Are you there?');
    await box.press('Enter');
    // Nothing is lost: the text stays, the composer says why it waits, and it is still on screen.
    await expect(page.getByTestId('waiting-note')).toContainText('will be sent when the connection is back');
    await expect(box).toHaveValue('Are you there?');
    await expect(box).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Waiting…' })).toBeInViewport();
    await screenshot(page, 'chat-waiting-for-host');

    // "Don't send" keeps the text unsent; sending again waits again.
    await page.getByRole('button', { name: 'Don’t send' }).click();
    await expect(page.getByTestId('waiting-note')).toHaveCount(0);
    await expect(box).toHaveValue('Are you there?');
    await box.press('Enter');
    await expect(page.getByTestId('waiting-note')).toBeVisible();

    link.restore();
    await expect(page.getByTestId('connection-banner')).toBeHidden();
    await expect(page.getByTestId('message-user').last()).toContainText('Are you there?');
    await expect(page.getByTestId('message-assistant').last()).toContainText('Hello from the fake');
    await expect(box).toHaveValue('');
    expect(
      fake.requests.filter((r) => r.path === '/v1/chat/completions' && JSON.stringify(r.body).includes('Are you there?')),
    ).toHaveLength(1);
  } finally {
    await stop();
    await fake.close();
  }
});

test('Esc stops an answer, which is not a failed attempt; edit and resend; code blocks; images', async ({ page }) => {
  const fake = await chattyFake();
  const { app, stop } = await startWebApp();
  try {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(app.url);
    await addCustomProfile(page, 'Fake Cloud', `${fake.url}/v1`, 'gpt-fake');
    await nav(page, 'Chat');
    await expect(page.getByRole('button', { name: 'Chat model', exact: true })).toContainText('gpt-fake');
    const box = page.getByLabel('Message');

    // A code block names its language and copies exactly its code.
    await box.fill('Show me some code');
    await box.press('Enter');
    const block = page.getByTestId('code-block').last();
    await expect(block).toContainText('python');
    await block.getByRole('button', { name: 'Copy python code' }).click();
    await expect(block.getByRole('button', { name: 'Code copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('print("hi")\n');

    // Esc stops the stream; the stop is the person's choice, not a failed attempt.
    await box.fill('Count slowly');
    await box.press('Enter');
    await expect(page.getByTestId('message-streaming')).toContainText('word1');
    await page.keyboard.press('Escape');
    const stopped = page.getByTestId('message-assistant').last();
    await expect(stopped).toContainText('Stopped');
    await expect(stopped.getByTestId('attempt-timeline')).toHaveCount(0);

    // Edit and resend: the edited turn and the answers after it are replaced.
    await page.getByTestId('message-user').last().getByRole('button', { name: 'Edit and resend' }).click();
    await expect(page.getByTestId('editing-note')).toBeVisible();
    await expect(box).toHaveValue('Count slowly');
    await box.fill('Tell me about bread');
    await box.press('Enter');
    await expect(page.getByTestId('message-assistant').last()).toContainText('Hello from the fake about sourdough.');
    await expect(page.getByTestId('message-user')).toHaveCount(2);
    await expect(page.getByTestId('message-user').last()).toContainText('Tell me about bread');
    await expect(page.getByText('Count slowly')).toHaveCount(0);

    // An image goes with the message to the provider and shows in the conversation.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    await page.getByTestId('attach-input').setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: png });
    await expect(page.getByRole('list', { name: 'Attached images' }).getByRole('img')).toHaveCount(1);
    await box.fill('What is in this picture?');
    await box.press('Enter');
    await expect(page.getByTestId('message-user').last().getByRole('img', { name: 'Attached image 1' })).toBeVisible();
    await expect(page.getByTestId('message-assistant')).toHaveCount(3);
    const sent = fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body as { messages: Array<{ content: unknown }> };
    expect(JSON.stringify(sent.messages.at(-1)!.content)).toContain('data:image/png;base64,');
    await screenshot(page, 'chat-daily');
  } finally {
    await stop();
    await fake.close();
  }
});

test('conversations: rename in place, search inside messages, delete from the keyboard with Undo', async ({ page }) => {
  const fake = await chattyFake();
  const { app, stop } = await startWebApp();
  try {
    await page.goto(app.url);
    await addCustomProfile(page, 'Fake Cloud', `${fake.url}/v1`, 'gpt-fake');
    await nav(page, 'Chat');
    await expect(page.getByRole('button', { name: 'Chat model', exact: true })).toContainText('gpt-fake');
    for (const question of ['First question', 'Second question']) {
      await page.getByRole('button', { name: 'New chat' }).click();
      await page.getByLabel('Message').fill(question);
      await page.getByLabel('Message').press('Enter');
      await expect(page.getByTestId('message-assistant').last()).toContainText('Hello from the fake');
    }
    const list = page.getByRole('complementary', { name: 'Conversations' });

    // Rename through the row's menu.
    await list.getByRole('button', { name: 'Actions for First question' }).click();
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    await page.getByLabel('New title for First question').fill('Bread notes');
    await page.getByLabel('New title for First question').press('Enter');
    await expect(list.getByTestId('conversation-Bread notes')).toBeVisible();

    // Search finds words in answers too, and shows where.
    await page.getByLabel('Search conversations').fill('sourdough');
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(list.getByTestId('conversation-Bread notes')).toContainText('sourdough');
    await page.getByLabel('Search conversations').fill('');
    await expect(list.getByTestId('conversation-Bread notes')).toBeVisible();

    // Tab reaches the row's actions; Delete from the menu; Undo brings it back.
    await page.getByLabel('Search conversations').focus();
    const actions = list.getByRole('button', { name: 'Actions for Second question' });
    for (let i = 0; i < 6 && !(await actions.evaluate((el) => el === document.activeElement)); i += 1) await page.keyboard.press('Tab');
    await expect(actions).toBeFocused();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Delete' }).focus();
    await page.keyboard.press('Enter');
    await expect(list.getByTestId('conversation-Second question')).toHaveCount(0);
    await expect(page.getByTestId('undo-delete')).toContainText('Deleted “Second question”');
    await page.getByTestId('undo-delete').getByRole('button', { name: 'Undo' }).click();
    await expect(list.getByTestId('conversation-Second question')).toBeVisible();

    // Deleted for good once the offer goes.
    await list.getByRole('button', { name: 'Actions for Second question' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByTestId('undo-delete').getByRole('button', { name: 'Delete now' }).click();
    await expect(page.getByTestId('undo-delete')).toHaveCount(0);
    await page.reload();
    await nav(page, 'Chat');
    await expect(list.getByTestId('conversation-Bread notes')).toBeVisible();
    await expect(list.getByTestId('conversation-Second question')).toHaveCount(0);

    // Ctrl+K opens a conversation by name.
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command palette' }).fill('bread');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('message-user').first()).toContainText('First question');
  } finally {
    await stop();
    await fake.close();
  }
});
