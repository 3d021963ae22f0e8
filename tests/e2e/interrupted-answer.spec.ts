// A conversation whose answer was cut by a crash (issue #22 §8) opens with the saved part and says
// it was interrupted, in light and dark. The history is written the way the chat service writes a
// streaming answer: the first part as a message marked interrupted, then the parts after it.
import { HistoryStore } from '../../electron/services/history';
import { startFakeOpenAI } from '../fakes/openai';
import { addCustomProfile, expect, startWebApp, test, screenshotThemes } from './fixtures';

test('an interrupted answer reopens with what was saved; light and dark', async ({ page }) => {
  const fake = await startFakeOpenAI();
  const { app, stop } = await startWebApp();
  try {
    const history = new HistoryStore(app.dataDir);
    const id = await history.create('Explain event loops', {
      id: 'u1',
      role: 'user',
      content: 'Explain event loops',
      at: Date.now() - 60_000,
    });
    await history.addMessage(id, {
      id: 'a1',
      role: 'assistant',
      content: 'An **event loop** waits for events and runs their handlers one at a time. ',
      at: Date.now() - 59_000,
      status: 'interrupted',
    });
    await history.appendToMessage(id, 'a1', {
      text: 'In Node.js, each turn of the loop goes through timers, pending callbacks, poll, check and close phases. ',
    });
    await history.appendToMessage(id, 'a1', { text: 'Because handlers run one at a time, a long ' });
    await page.goto(app.url);
    await addCustomProfile(page, 'Fake Cloud', fake.baseUrl, 'gpt-fake');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chat' }).click();
    await page.getByRole('complementary', { name: 'Conversations' }).getByText('Explain event loops').click();
    const answer = page.getByTestId('message-assistant').last();
    await expect(answer).toContainText('In Node.js, each turn of the loop goes through timers');
    await expect(answer).toContainText('Because handlers run one at a time, a long');
    await expect(answer.getByTestId('message-interrupted')).toContainText('Interrupted: Switchyard closed while this answer was arriving.');
    await expect(page.getByRole('button', { name: 'Regenerate' })).toBeVisible();
    await screenshotThemes(page, 'chat-interrupted');
  } finally {
    await stop();
    await fake.close();
  }
});
