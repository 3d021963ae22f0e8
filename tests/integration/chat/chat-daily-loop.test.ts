// What the Chat page's daily loop needs from the host: a stopped answer is not a failed attempt,
// edit-and-resend replaces a turn and what followed it, attached images reach the provider, and
// the conversation search looks inside messages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { chatService } from '../../../electron/services/chat';
import { resolveTarget } from '../../../electron/services/targets';
import { createTestHost, type TestHost } from '../../helpers/host';
import { chunkJson, sseReply, sseStream, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { callHost } from '../../helpers/call';
import { forgetHostKeys } from '../../helpers/host-keys';

const hasSecretService = process.platform !== 'linux' || Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe.skipIf(!hasSecretService)('chat: stop, edit and resend, images, search', () => {
  let host: TestHost;
  let fake: FakeOpenAI;

  beforeEach(async () => {
    host = await createTestHost();
    fake = await startFakeOpenAI();
  });

  afterEach(async () => {
    await fake.close();
    await forgetHostKeys(host);
    clearKnownSecrets();
    await host.cleanup();
  });

  const call = <T>(method: string, input: unknown) => callHost<T>(host, method, input);

  async function send(input: Record<string, unknown>): Promise<{
    conversationId: string;
    message: { status: string; content: string; attempts: Array<{ outcome: string; errorClass?: string }> };
  }> {
    const started = await call<{ streamId: string; conversationId: string }>('chat.send', input);
    await host.ctx.use(chatService).whenFinished(started.streamId);
    const done = host.events.findLast((e) => e.event === 'chat.done' && (e.payload as { streamId: string }).streamId === started.streamId)!;
    return { conversationId: started.conversationId, message: (done.payload as { message: never }).message };
  }

  async function profileTarget() {
    const profile = await call<{ id: string }>('profiles.create', {
      name: 'Fake',
      providerKey: 'openai',
      baseUrl: fake.baseUrl,
      key: 'sk-test-0123456789abcdefghij',
    });
    return { kind: 'profile', profileId: profile.id, model: 'gpt-fake' };
  }

  it('records a stopped answer as stopped, not as a failed attempt', async () => {
    const target = await profileTarget();
    // The first token, then a pause long enough to press Stop in.
    fake.onChat(sseReply('', [`data: ${JSON.stringify(chunkJson({ content: 'one ' }))}\n\n`, { delayMs: 10_000 }]));
    const started = await call<{ streamId: string }>('chat.send', { target, content: 'Count slowly' });
    await expect.poll(() => host.events.some((e) => e.event === 'chat.delta')).toBe(true);
    await call('chat.stop', { streamId: started.streamId });
    await host.ctx.use(chatService).whenFinished(started.streamId);
    const done = host.events.find((e) => e.event === 'chat.done')!.payload as {
      message: { status: string; attempts: Array<{ outcome: string; errorClass?: string; message?: string }> };
    };
    expect(done.message.status).toBe('stopped');
    expect(done.message.attempts).toHaveLength(1);
    expect(done.message.attempts[0]).toMatchObject({ outcome: 'stopped', message: 'Stopped by you.' });
    expect(done.message.attempts[0]!.errorClass).toBeUndefined();
  });

  it('edit and resend replaces the edited turn and every message after it', async () => {
    const target = await profileTarget();
    const first = await send({ target, content: 'First question' });
    await send({ target, content: 'Second question', conversationId: first.conversationId });
    const { messages } = await call<{ messages: Array<{ id: string; role: string; content: string }> }>('history.load', {
      id: first.conversationId,
    });
    const second = messages.find((m) => m.content === 'Second question')!;

    fake.onChat(sseReply(sseStream(['edited answer'])));
    await send({ target, content: 'Second question, better worded', conversationId: first.conversationId, editOf: second.id });
    const after = await call<{ messages: Array<{ role: string; content: string }> }>('history.load', { id: first.conversationId });
    expect(after.messages.map((m) => `${m.role}:${m.content}`)).toEqual([
      'user:First question',
      'assistant:Hello from the fake',
      'user:Second question, better worded',
      'assistant:edited answer',
    ]);
    // The provider saw the conversation without the replaced turn.
    const sent = (fake.requests.at(-1)!.body as { messages: Array<{ content: unknown }> }).messages;
    expect(sent.map((m) => m.content)).toEqual(['First question', 'Hello from the fake', 'Second question, better worded']);
  });

  it('refuses to edit a message that is not in the conversation, and keeps the conversation as it was', async () => {
    const target = await profileTarget();
    const first = await send({ target, content: 'Only question' });
    await expect(
      call('chat.send', { target, content: 'x', conversationId: first.conversationId, editOf: 'no-such-message' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const { messages } = await call<{ messages: unknown[] }>('history.load', { id: first.conversationId });
    expect(messages).toHaveLength(2);
  });

  it('sends attached images to the provider and keeps them with the message', async () => {
    const target = await profileTarget();
    const { conversationId } = await send({ target, content: 'What is in this picture?', images: [PIXEL] });
    const body = fake.requests.at(-1)!.body as { messages: Array<{ content: Array<{ type: string; image_url?: { url: string } }> }> };
    expect(body.messages[0]!.content).toEqual([
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image_url', image_url: { url: PIXEL } },
    ]);
    const { messages } = await call<{ messages: Array<{ images?: string[] }> }>('history.load', { id: conversationId });
    expect(messages[0]!.images).toEqual([PIXEL]);
  });

  it('rejects something that is not an image, and too many images, before calling the provider', async () => {
    const target = await profileTarget();
    await expect(call('chat.send', { target, content: 'x', images: ['data:text/html;base64,PGI+'] })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(call('chat.send', { target, content: 'x', images: Array.from({ length: 5 }, () => PIXEL) })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(fake.requests.filter((r) => r.path.includes('chat'))).toHaveLength(0);
  });

  it('finds conversations by words in their messages, with the words around the match', async () => {
    const target = await profileTarget();
    await send({ target, content: 'Sourdough\nI keep a starter in the fridge. Tell me how often to feed them and with what flour.' });
    await send({ target, content: 'Unrelated' });
    const { conversations } = await call<{ conversations: Array<{ title: string; snippet?: string }> }>('history.list', {
      query: 'how often to FEED',
    });
    expect(conversations).toHaveLength(1);
    expect(conversations[0]!.title).toBe('Sourdough');
    expect(conversations[0]!.snippet).toContain('Tell me how often to feed them');
    // Every conversation has the fake's answer in it.
    expect((await call<{ conversations: unknown[] }>('history.list', { query: 'hello from the fake' })).conversations).toHaveLength(2);
  });

  it("prices a model served on this machine as free, and one behind a local proxy at its maker's list price", async () => {
    const ollama = await call<{ id: string }>('profiles.create', { name: 'Ollama', providerKey: 'ollama', baseUrl: fake.url });
    const proxy = await call<{ id: string }>('profiles.create', { name: 'LiteLLM', providerKey: 'litellm', baseUrl: fake.baseUrl });
    expect((await resolveTarget(host.ctx, { kind: 'profile', profileId: ollama.id, model: 'llama3.2:3b' })).price).toEqual({
      inputPerMTok: 0,
      outputPerMTok: 0,
      source: { kind: 'local', label: 'runs on your machine' },
    });
    expect((await resolveTarget(host.ctx, { kind: 'profile', profileId: proxy.id, model: 'gpt-4o' })).price).toMatchObject({
      inputPerMTok: 2.5,
      outputPerMTok: 10,
      source: { kind: 'dataset', label: 'genai-prices 0.1.8 · OpenAI list price' },
    });
  });
});
