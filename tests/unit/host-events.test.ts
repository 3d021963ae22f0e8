import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearKnownSecrets, registerSecret } from '../../electron/secrets/redact';
import { createTestHost, type TestHost } from '../helpers/host';

describe('events from the host', () => {
  let host: TestHost;
  const logged: string[] = [];
  beforeEach(async () => {
    logged.length = 0;
    host = await createTestHost({ log: (line) => logged.push(line) });
  });
  afterEach(async () => {
    clearKnownSecrets();
    await host.cleanup();
  });

  it('an invalid payload is not thrown: it is logged scrubbed and replaced by app.eventFailed for its stream', () => {
    registerSecret('sk-known-key-0123456789');
    const message = { id: 'm', role: 'assistant', content: 'hi', at: 1, metrics: { costUsd: Number.NaN } };
    // What a NaN cost used to do: the payload fails validation at the end of a stream nobody awaits.
    expect(() =>
      host.ctx.emit('chat.done', { streamId: 'stream-1', conversationId: 'sk-known-key-0123456789', message } as never),
    ).not.toThrow();
    expect(host.events.map((e) => e.event)).toEqual(['app.eventFailed']);
    expect(host.events[0]!.payload).toMatchObject({
      event: 'chat.done',
      code: 'invalid_event',
      streamId: 'stream-1',
      message: expect.stringContaining('Switchyard could not deliver chat.done: message.'),
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('could not deliver chat.done');
    expect(JSON.stringify([logged, host.events])).not.toContain('sk-known-key');
  });

  it('names the run of an undeliverable comparison update', () => {
    host.ctx.emit('compare.run', { runId: 'run-7', status: 'finished' } as never);
    expect(host.events).toEqual([{ event: 'app.eventFailed', payload: expect.objectContaining({ event: 'compare.run', runId: 'run-7' }) }]);
  });

  it('an unknown event name is logged, not thrown', () => {
    expect(() => host.ctx.emit('no.such.event' as never, {} as never)).not.toThrow();
    expect(logged[0]).toContain('could not deliver no.such.event: no such event');
  });

  it('a transport that throws does not keep the event from the others', () => {
    const second: string[] = [];
    host.ctx.subscribe(() => {
      throw new Error('socket gone');
    });
    host.ctx.subscribe((event) => second.push(event));
    host.ctx.emit('profiles.changed', {});
    expect(second).toEqual(['profiles.changed']);
    expect(host.events.map((e) => e.event)).toEqual(['profiles.changed']);
    expect(logged).toEqual(['Switchyard could not forward profiles.changed: socket gone']);
  });
});
