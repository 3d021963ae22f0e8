import { readFile } from 'node:fs/promises';
import { chunkJson, errorReply, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai';
import type { ChunkStep } from '../fakes/server';
import { addCustomProfile, expect, screenshot, startWebApp, test } from './fixtures';
import { pickModel } from './model-picker';

/**
 * A fake whose answer starts after `first` (a pause, or a step that waits for a state), then sends
 * one token every `gapMs`; `onEnd` runs once the whole answer is written.
 */
async function pacedFake(first: ChunkStep, gapMs: number, tokens: string[], onEnd: () => void = () => {}): Promise<FakeOpenAI> {
  const fake = await startFakeOpenAI();
  fake.onChat(() => {
    const steps: ChunkStep[] = [first];
    tokens.forEach((token, i) => {
      if (i > 0) steps.push({ delayMs: gapMs });
      steps.push(`data: ${JSON.stringify(chunkJson({ content: token }))}\n\n`);
    });
    steps.push(
      `data: ${JSON.stringify({ ...chunkJson({}, 'stop'), choices: [], usage: { prompt_tokens: 12, completion_tokens: tokens.length * 2, total_tokens: 12 + tokens.length * 2 } })}\n\ndata: [DONE]\n\n`,
    );
    steps.push({ call: onEnd });
    return { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: steps };
  });
  return fake;
}

test('three targets side by side: badges on the right columns, the failure stays in its column, export works', async ({ page }) => {
  // The slow column's first token waits until the fast answer is complete, so "fastest first
  // token" cannot flip on a busy machine; its tokens are also five times further apart.
  const fastDone = Promise.withResolvers<void>();
  const fast = await pacedFake({ delayMs: 40 }, 40, ['Fast', ' answer', ' with', ' many', ' small', ' tokens.'], () => fastDone.resolve());
  const slow = await pacedFake({ call: () => fastDone.promise }, 200, ['Slow', ' but', ' cheap', ' answer.']);
  const failing = await startFakeOpenAI();
  failing.onChat(errorReply(500, 'Internal server error'));
  const { app, stop } = await startWebApp();
  try {
    await page.goto(app.url);
    await addCustomProfile(page, 'Fast Cloud', `${fast.url}/v1`, 'fast-model');
    await addCustomProfile(page, 'Slow Cloud', `${slow.url}/v1`, 'slow-model');
    await addCustomProfile(page, 'Failing Cloud', `${failing.url}/v1`, 'fail-model');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Price table').fill('fast-model = 5 / 15\nslow-model = 0.1 / 0.2');
    await page.getByRole('button', { name: 'Save prices' }).click();
    await expect(page.getByText('Prices saved.')).toBeVisible();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Compare' }).click();
    await pickModel(page, 'Target 1', 'fast-model');
    await pickModel(page, 'Target 2', 'slow-model');
    await page.getByRole('button', { name: 'Add target' }).click();
    await pickModel(page, 'Target 3', 'fail-model');
    // Loopback servers count as local: one-at-a-time is offered automatically; this test runs them together.
    await expect(page.getByTestId('one-at-a-time-hint')).toContainText('3 local targets');
    await page.getByLabel('One at a time').uncheck();
    await page.getByPlaceholder('Ask every target the same question…').fill('Explain caching in one paragraph.');
    await page.getByRole('button', { name: 'Run comparison' }).click();

    const [c1, c2, c3] = [
      page.getByTestId('compare-column-c1'),
      page.getByTestId('compare-column-c2'),
      page.getByTestId('compare-column-c3'),
    ];
    await expect(c1).toContainText('Fast answer with many small tokens.');
    await expect(c2).toContainText('Slow but cheap answer.');
    await expect(c3.getByTestId('column-error')).toContainText('500');
    // Badges come from the final metrics, once every column has finished: wait for that state.
    await expect(c1.getByText('Done', { exact: true })).toBeVisible();
    await expect(c2.getByText('Done', { exact: true })).toBeVisible();
    await expect(c3.getByText('Failed', { exact: true })).toBeVisible();
    // A custom endpoint is named by its profile, not as "Custom provider".
    await expect(c3.getByTestId('column-error')).toContainText('Failing Cloud API error (500');
    await expect(c1.getByTestId('badge-fastest-ttft')).toBeVisible();
    await expect(c1.getByTestId('badge-fastest-rate')).toBeVisible();
    await expect(c2.getByTestId('badge-cheapest')).toBeVisible();
    await expect(c3.locator('[data-testid^="badge-"]')).toHaveCount(0);
    // The failure did not touch the others.
    await expect(c1.getByTestId('metric-tokens')).toHaveText('12');
    await expect(c2.getByTestId('metric-cost')).toContainText('$');
    await c1.getByRole('button', { name: 'Vote best' }).click();
    await screenshot(page, 'compare-results');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Markdown' }).click();
    const file = await readFile((await (await download).path())!, 'utf8');
    expect(file).toContain('Explain caching in one paragraph.');
    expect(file).toMatch(/\| Fast Cloud · fast-model \| done \| \d+ ms \| [\d.]+ \| 12 \|.*fastest TTFT, fastest tokens\/s, voted best \|/);
    expect(file).toMatch(/\| Slow Cloud · slow-model \| done .*cheapest \|/);
    expect(file).toContain('> **Error (server):**');

    const json = page.waitForEvent('download');
    await page.getByRole('button', { name: 'JSON' }).click();
    const parsed = JSON.parse(await readFile((await (await json).path())!, 'utf8'));
    expect(parsed.columns.map((c: { status: string }) => c.status)).toEqual(['done', 'done', 'error']);
    expect(parsed.votedColumnId).toBe('c1');

    // Saved and reopenable.
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('button', { name: 'Saved' }).click();
    await page.getByRole('button', { name: /^Explain caching/ }).click();
    await expect(page.getByTestId('compare-column-c2')).toContainText('Slow but cheap answer.');
  } finally {
    await stop();
    await Promise.all([fast.close(), slow.close(), failing.close()]);
  }
});
