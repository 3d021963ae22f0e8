// Every gateway answer says how much of its time was the gateway's own (Server-Timing, as a
// browser's devtools and the official SDKs' raw responses show it), and the request log keeps it:
// a provider that holds its answer makes the request slow, not the gateway.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GatewayLogEntry } from '../../../shared/api/gateway';
import { dispatch } from '../../../electron/api/dispatch';
import { sseReply, sseStream, type FakeOpenAI } from '../../fakes/openai';
import { openaiClient, startGatewayWithFake, type GatewayHost } from '../../helpers/gateway';

/** `gateway;dur=…;desc="…", provider;dur=…` read by the Server-Timing grammar. */
function serverTiming(header: string | null): { names: string[]; gateway: number; provider: number } {
  if (!header) throw new Error('no Server-Timing header');
  const metrics = new Map<string, number>();
  for (const metric of header.split(',')) {
    const [name, ...params] = metric.trim().split(';');
    const dur = params.find((p) => p.trim().startsWith('dur='));
    metrics.set(name!.trim(), Number(dur?.split('=')[1]));
  }
  return { names: [...metrics.keys()], gateway: metrics.get('gateway') ?? Number.NaN, provider: metrics.get('provider') ?? Number.NaN };
}

async function newestEntry(gw: GatewayHost): Promise<GatewayLogEntry> {
  const reply = await dispatch(gw.ctx, 'gateway.log', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return (reply.result as { entries: GatewayLogEntry[] }).entries[0]!;
}

/**
 * The fake takes the request and holds its answer until `release()`; `heldMs()` is how long. It
 * holds before it sends anything, so the whole hold falls inside the gateway's first wait for an
 * event (held after a first event, the gateway could still be handling that one meanwhile).
 */
function heldAnswer(upstream: FakeOpenAI) {
  let heldAt = 0;
  let releasedAt = 0;
  let reached!: () => void;
  const atHold = new Promise<void>((resolve) => (reached = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  upstream.onChat(
    sseReply('', [
      {
        call: () => {
          heldAt = performance.now();
          reached();
          return released;
        },
      },
      sseStream(['held ', 'answer'], { usage: { prompt_tokens: 2, completion_tokens: 2 } }),
    ]),
  );
  return {
    /** Holds for a while, then releases (any length would do: the tests compare measured spans). */
    async holdThenRelease() {
      await atHold;
      await new Promise((resolve) => setTimeout(resolve, 30));
      releasedAt = performance.now();
      release();
    },
    heldMs: () => releasedAt - heldAt,
  };
}

describe("the gateway's own time", () => {
  let gw: GatewayHost;
  let upstream: FakeOpenAI;

  beforeEach(async () => {
    ({ gw, upstream } = await startGatewayWithFake());
  });

  afterEach(() => gw.cleanup());

  const chat = (stream: boolean) =>
    fetch(`${gw.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gw.token}` },
      body: JSON.stringify({ model: 'Fake/gpt-fake', stream, messages: [{ role: 'user', content: 'Hi' }] }),
    });

  it('counts a provider that holds its answer as the provider’s time, in the header of a whole answer and in the log', async () => {
    const held = heldAnswer(upstream);
    const sentAt = performance.now();
    const pending = chat(false);
    await held.holdThenRelease();
    const response = await pending;
    const totalMs = performance.now() - sentAt;

    expect(response.status).toBe(200);
    expect(((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content).toBe(
      'held answer',
    );
    const timing = serverTiming(response.headers.get('server-timing'));
    expect(timing.provider).toBeGreaterThanOrEqual(held.heldMs());
    expect(timing.gateway).toBeGreaterThan(0);
    expect(timing.gateway + timing.provider).toBeLessThanOrEqual(totalMs);

    const entry = await newestEntry(gw);
    // The log's figure also counts writing the answer, so it is at least the header's.
    expect(entry.gatewayMs).toBeGreaterThanOrEqual(timing.gateway);
    expect(entry.gatewayMs! + held.heldMs()).toBeLessThanOrEqual(entry.durationMs!);
  });

  it('gives a stream its own time until the first event in the header, and the whole in the log', async () => {
    const held = heldAnswer(upstream);
    const pending = chat(true);
    await held.holdThenRelease();
    const response = await pending;
    // Headers leave with the first event: the header counts the wait until then.
    const timing = serverTiming(response.headers.get('server-timing'));
    expect(await response.text()).toContain('answer');

    expect(timing.gateway).toBeGreaterThan(0);
    expect(timing.provider).toBeGreaterThanOrEqual(held.heldMs());
    const entry = await newestEntry(gw);
    expect(entry).toMatchObject({ state: 'done', stream: true });
    expect(entry.gatewayMs).toBeGreaterThanOrEqual(timing.gateway);
    expect(entry.gatewayMs! + held.heldMs()).toBeLessThanOrEqual(entry.durationMs!);
  });

  it('is on a refusal too, and the official openai SDK hands it to its caller', async () => {
    const refused = await fetch(`${gw.baseUrl}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(401);
    expect(serverTiming(refused.headers.get('server-timing')).gateway).toBeGreaterThan(0);
    // All of a refusal is the gateway's own time, and never more than its total.
    const refusal = await newestEntry(gw);
    expect(refusal).toMatchObject({ status: 401 });
    expect(refusal.gatewayMs).toBeGreaterThan(0);
    expect(refusal.gatewayMs).toBeLessThanOrEqual(refusal.durationMs!);

    upstream.onChat(sseReply(sseStream(['ok'])));
    const { response } = await openaiClient(gw)
      .chat.completions.create({ model: 'Fake/gpt-fake', messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    expect(serverTiming(response.headers.get('server-timing')).names).toEqual(['gateway', 'provider']);
  });
});
