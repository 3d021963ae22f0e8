// A streamed answer survives a crash (issue #22 §8): the chat service saves it in parts while it
// arrives, so after kill -9 the conversation opens with what was shown, marked interrupted. And an
// answer that never ends stops at the answer cap with what arrived kept, in parts of bounded size.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_ANSWER_CHARS } from '../../../electron/providers/limits';
import { chatService } from '../../../electron/services/chat';
import { HistoryStore } from '../../../electron/services/history';
import { PARTIAL_SAVE_CHARS, saveableEnd } from '../../../electron/services/partial-answer';
import { createProfile } from '../../../electron/services/profiles';
import { createTestHost, type TestHost } from '../../helpers/host';
import { startHostileProvider, type HostileProvider } from '../../fakes/hostile';
import { chunkJson, sseStream, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import type { ChunkStep } from '../../fakes/server';

const root = path.resolve(import.meta.dirname, '../../..');
/** Token i of the slow answer: 200 characters that say where they are. */
const token = (i: number) => `tok${i} ${'lorem ipsum '.repeat(16)}`.slice(0, 199) + ' ';

describe('a streamed answer in the history', () => {
  let home: string;
  let fake: FakeOpenAI;
  let child: ChildProcess | null = null;

  beforeEach(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-partial-'));
    fake = await startFakeOpenAI();
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await fake.close();
    await rm(home, { recursive: true, force: true });
  });

  it('survives kill -9 mid-stream: the conversation reopens with the saved part, marked interrupted', async () => {
    // 20,000 tokens of 200 characters, one every 2 ms: about 40 s, far longer than the test waits.
    const steps: ChunkStep[] = [`data: ${JSON.stringify(chunkJson({ role: 'assistant', content: '' }))}\n\n`];
    for (let i = 0; i < 20_000; i += 1) steps.push(`data: ${JSON.stringify(chunkJson({ content: token(i) }))}\n\n`, { delayMs: 2 });
    fake.onChat({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: steps });

    child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/helpers/chat-child.ts'), fake.baseUrl], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: home, SWITCHYARD_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const { conversationId } = await vi.waitFor(() => JSON.parse(stdout.split('\n')[0]!) as { conversationId: string }, {
      timeout: 50_000,
      interval: 20,
    });
    const file = path.join(home, 'history', `${conversationId}.jsonl`);

    // Wait until the file holds the start of the answer and at least two parts appended after it.
    await vi.waitFor(
      async () => {
        const text = await readFile(file, 'utf8');
        expect(text).toContain('"status":"interrupted"');
        expect(text.match(/"type":"partial"/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
      },
      { timeout: 20_000, interval: 20 },
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    expect(child.signalCode).toBe('SIGKILL');

    const { messages, warnings } = await new HistoryStore(home).load(conversationId);
    expect(warnings).toEqual([]);
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    const answer = messages[1]!;
    expect(answer.status).toBe('interrupted');
    expect(answer.content.length).toBeGreaterThanOrEqual(2 * PARTIAL_SAVE_CHARS);
    // Exactly what was streamed, from the first token on, cut between words.
    const streamed = Array.from({ length: 20_000 }, (_, i) => token(i)).join('');
    expect(streamed.startsWith(answer.content)).toBe(true);
    expect(answer.content.endsWith(' ')).toBe(true);
  }, 60_000);

  it('replaces the saved parts with the finished answer, once, in its place', async () => {
    const host = await createTestHost();
    try {
      const tokens = Array.from({ length: 400 }, (_, i) => token(i));
      fake.onChat({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [sseStream(tokens)] });
      const profile = await createProfile(host.ctx, { name: 'Fake', providerKey: `custom:${fake.baseUrl}` });
      const chat = host.ctx.use(chatService);
      const { conversationId, streamId } = await chat.send({
        target: { kind: 'profile', profileId: profile.id, model: 'gpt-fake' },
        content: 'go',
      });
      await chat.whenFinished(streamId);
      const file = await readFile(path.join(host.dataDir, 'history', `${conversationId}.jsonl`), 'utf8');
      // 80,000 characters were saved in parts on the way, then whole.
      expect(file.match(/"type":"partial"/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
      const { messages } = await new HistoryStore(host.dataDir).load(conversationId);
      expect(messages.map((m) => [m.role, m.status])).toEqual([
        ['user', undefined],
        ['assistant', 'done'],
      ]);
      expect(messages[1]!.content).toBe(tokens.join(''));
    } finally {
      await host.cleanup();
    }
  });
});

describe('an answer that never ends, in chat', () => {
  let host: TestHost;
  let hostile: HostileProvider;
  beforeEach(async () => {
    host = await createTestHost();
    hostile = await startHostileProvider('openai');
  });
  afterEach(async () => {
    await hostile.close();
    await host.cleanup();
  });

  it('stops at the answer cap with a clear error and keeps what arrived, saved in parts', async () => {
    hostile.act({ kind: 'endless' });
    const profile = await createProfile(host.ctx, { name: 'Hostile', providerKey: `custom:${hostile.url}` });
    const chat = host.ctx.use(chatService);
    const { conversationId, streamId } = await chat.send({ target: { kind: 'profile', profileId: profile.id, model: 'm' }, content: 'go' });
    await chat.whenFinished(streamId);
    const done = host.events.find((e) => e.event === 'chat.done')!.payload as {
      message: { status: string; content: string; error: { message: string } };
    };
    expect(done.message.status).toBe('error');
    expect(done.message.error.message).toMatch(
      /the answer is too long \(over 4 MB of text\); it was stopped there and what arrived is kept/,
    );
    expect(done.message.content.length).toBe(MAX_ANSWER_CHARS);
    const { messages } = await new HistoryStore(host.dataDir).load(conversationId);
    expect(messages[1]).toMatchObject({ status: 'error', content: done.message.content });
    // The parts and the final message: about twice the answer, not its square.
    const { size } = await stat(path.join(host.dataDir, 'history', `${conversationId}.jsonl`));
    expect(size).toBeLessThan(3 * MAX_ANSWER_CHARS);
    await hostile.lastClosed();
    expect(hostile.last().clientHungUp).toBe(true);
  });
});

describe('where a saved part may end', () => {
  it('keeps the last two words back, so a word or a "Bearer <token>" pair is never split between parts', () => {
    expect(saveableEnd('one two three', 0)).toBe('one '.length);
    expect(saveableEnd('auth: Bearer abc.def ', 0)).toBe('auth: '.length);
    expect(saveableEnd('one two three', 4)).toBe(4);
    expect(saveableEnd('single', 0)).toBe(0);
  });

  it('cuts a run without whitespace 4,096 characters from its end', () => {
    const run = 'x'.repeat(10_000);
    expect(saveableEnd(run, 0)).toBe(10_000 - 4096);
    expect(saveableEnd(run, 9_000)).toBe(9_000);
  });
});
