// One damaged conversation file must not take the whole history list down with it.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { historyStore } from '../../../electron/services/history';
import { createTestHost, type TestHost } from '../../helpers/host';

describe('history.list with a malformed record', () => {
  let host: TestHost;
  beforeEach(async () => {
    host = await createTestHost();
  });
  afterEach(() => host.cleanup());

  it('lists every conversation, flags the damaged one, and leaves its file untouched', async () => {
    const store = host.ctx.use(historyStore);
    const good = await store.create('Good chat', { id: 'm1', role: 'user', content: 'hello', at: 1_000 });
    const bad = await store.create('Damaged chat', { id: 'm2', role: 'user', content: 'hi', at: 2_000 });
    // A record that is valid JSON but not a message: a role no one knows, a timestamp as text.
    await appendFile(
      path.join(store.dir, `${bad}.jsonl`),
      `${JSON.stringify({ type: 'message', message: { id: 'm3', role: 'robot', content: 5, at: 'soon' } })}\n`,
    );
    const headless = 'noheader0123';
    await writeFile(
      path.join(store.dir, `${headless}.jsonl`),
      `${JSON.stringify({ type: 'message', message: { id: 'x', role: 'user', content: 'orphan', at: 5 } })}\n`,
    );
    const before = await readFile(path.join(store.dir, `${bad}.jsonl`), 'utf8');

    const listed = await dispatch(host.ctx, 'history.list', {});
    expect(listed.ok).toBe(true);
    const conversations = (
      listed as { result: { conversations: Array<{ id: string; title: string; messageCount: number; problem?: string }> } }
    ).result.conversations;
    expect(conversations.map((c) => c.id).sort()).toEqual([bad, good, headless].sort());
    expect(conversations.find((c) => c.id === good)!.problem).toBeUndefined();
    expect(conversations.find((c) => c.id === bad)).toMatchObject({
      title: 'Damaged chat',
      messageCount: 1,
      problem: expect.stringMatching(/Line 3 .*message\.role.*skipped/),
    });
    expect(conversations.find((c) => c.id === headless)).toMatchObject({
      title: 'Unreadable conversation',
      problem: expect.stringContaining('no header'),
    });

    const loaded = await dispatch(host.ctx, 'history.load', { id: bad });
    expect(loaded).toMatchObject({ ok: true, result: { messages: [{ id: 'm2' }], warnings: [expect.stringContaining('Line 3')] } });

    // The next write appends; the damaged line is still there as it was.
    await store.addMessage(bad, { id: 'm4', role: 'assistant', content: 'still here', at: 3_000 });
    expect(await readFile(path.join(store.dir, `${bad}.jsonl`), 'utf8')).toContain(before);
  });
});
