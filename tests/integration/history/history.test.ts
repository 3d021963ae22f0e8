import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../electron/services/history';

describe('conversation history', () => {
  let dir: string;
  let store: HistoryStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-history-'));
    store = new HistoryStore(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const t0 = Date.now();
  const message = (id: string, role: 'user' | 'assistant', content: string, at: number) => ({ id, role, content, at: t0 + at * 1000 });

  it('appends messages, renames, removes, and lists newest first with a title search', async () => {
    const a = await store.create('Rust lifetimes');
    await store.addMessage(a, message('1', 'user', 'What is a lifetime?', 10));
    await store.addMessage(a, message('2', 'assistant', 'A scope…', 11));
    const b = await store.create('Pasta recipes');
    await store.addMessage(b, message('3', 'user', 'Carbonara?', 20));
    await store.removeMessage(a, '2');
    await store.rename(a, 'Rust: lifetimes explained');
    const loaded = await store.load(a);
    expect(loaded.conversation).toMatchObject({ title: 'Rust: lifetimes explained', messageCount: 1 });
    expect(loaded.messages.map((m) => m.content)).toEqual(['What is a lifetime?']);
    expect((await store.list()).map((c) => c.id)).toEqual([b, a]);
    expect((await store.list('rust')).map((c) => c.id)).toEqual([a]);
    // Append-only: the file still holds every record.
    expect((await readFile(path.join(dir, 'history', `${a}.jsonl`), 'utf8')).trim().split('\n')).toHaveLength(5);
  });

  it('skips a torn last line and says so, keeping everything before it', async () => {
    const id = await store.create('Torn');
    await store.addMessage(id, message('1', 'user', 'first', 1));
    await appendFile(path.join(dir, 'history', `${id}.jsonl`), '{"type":"message","message":{"id":"2","role":"assis');
    // A new run of the app (a new store) finds the torn file.
    store = new HistoryStore(dir);
    const loaded = await store.load(id);
    expect(loaded.messages.map((m) => m.content)).toEqual(['first']);
    expect(loaded.warnings).toEqual([expect.stringContaining('only partly saved')]);
    // And the conversation still takes new messages.
    await store.addMessage(id, message('3', 'user', 'after the tear', 3));
    expect((await store.load(id)).messages.map((m) => m.content)).toEqual(['first', 'after the tear']);
  });

  it('deletes one conversation or all of them', async () => {
    const a = await store.create('one');
    await store.create('two');
    await store.delete(a);
    expect((await store.list()).map((c) => c.title)).toEqual(['two']);
    expect(await store.deleteAll()).toBe(1);
    expect(await store.list()).toEqual([]);
    await expect(store.load(a)).rejects.toThrow(/no longer exists/);
  });
});
