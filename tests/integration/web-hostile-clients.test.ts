// Browser mode against clients that break the WebSocket protocol or refuse to read: every one of
// them is closed cleanly, and the server goes on serving the person's own page.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES, MAX_SEND_BUFFER_BYTES, startWebServer, type WebServer } from '../../electron/web/server';
import { CloseReason } from '../../electron/web/security';
import { createTestHost, type TestHost } from '../helpers/host';
import { OPCODE, sendRawFrame, wsFrame } from '../helpers/raw-ws';
import { connectWs } from '../helpers/ws-client';

const HOSTILE_FRAMES = [
  {
    name: 'invalid UTF-8 in a text frame',
    frame: () => wsFrame({ opcode: OPCODE.text, payload: Buffer.from([0xff, 0xfe, 0xfd]) }),
    code: 1007,
  },
  { name: 'an unmasked frame', frame: () => wsFrame({ opcode: OPCODE.text, payload: Buffer.from('{}'), masked: false }), code: 1002 },
  { name: 'a reserved opcode', frame: () => wsFrame({ opcode: OPCODE.reserved, payload: Buffer.from('x') }), code: 1002 },
  {
    name: 'a frame announcing more than the size limit',
    frame: () => wsFrame({ opcode: OPCODE.text, payload: Buffer.from('{'), declaredLength: MAX_MESSAGE_BYTES + 1 }),
    code: 1009,
  },
];

describe('browser mode under hostile WebSocket clients', () => {
  let host: TestHost;
  let server: WebServer;

  beforeEach(async () => {
    host = await createTestHost();
    const staticDir = path.join(host.dataDir, 'renderer');
    await mkdir(staticDir, { recursive: true });
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Switchyard</title>');
    server = await startWebServer({ ctx: host.ctx, staticDir, port: 0 });
  });

  afterEach(async () => {
    await server.close();
    await host.cleanup();
  });

  async function stillServes(): Promise<void> {
    const client = await connectWs(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    expect(await client.invoke('app.ping', { nonce: 'still here' })).toMatchObject({ ok: true, result: { nonce: 'still here' } });
    await client.close();
  }

  describe.each(HOSTILE_FRAMES)('$name', ({ frame, code }) => {
    it('without the token: the refused socket is closed and the server keeps serving', async () => {
      const outcome = await sendRawFrame(server.port, '/ws', frame());
      expect(outcome.status).toContain('101');
      // The refusal's own close frame goes out first; nothing the socket sends after it is acted on.
      expect(outcome.closeCode).toBe(CloseReason.missingToken.code);
      await stillServes();
    });

    it("with the token: the socket is closed with the protocol's code and the server keeps serving", async () => {
      const outcome = await sendRawFrame(server.port, `/ws?token=${server.token}`, frame());
      expect(outcome.closeCode).toBe(code);
      await stillServes();
    });
  });

  it('a message over the size limit closes only that socket with 1009 (message too big)', async () => {
    const client = await connectWs(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    const closed = new Promise<number>((resolve) => client.socket.once('close', (closeCode) => resolve(closeCode)));
    client.socket.on('error', () => undefined);
    client.socket.send(JSON.stringify({ type: 'invoke', id: 1, method: 'app.ping', input: { nonce: 'x'.repeat(MAX_MESSAGE_BYTES) } }));
    expect(await closed).toBe(1009);
    await stillServes();
  });

  it('a large paste under the limit still reaches the API and gets an answer', async () => {
    const client = await connectWs(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    const envelope = await client.invoke('app.ping', { nonce: 'x'.repeat(MAX_MESSAGE_BYTES - 1024) });
    // The method refuses a nonce that long, which proves the frame itself was accepted and read.
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await client.close();
  });

  it('a path other than /ws is refused without crashing, even when the client resets at once', async () => {
    const outcome = await sendRawFrame(server.port, '/not-ws', wsFrame({ opcode: OPCODE.text, payload: Buffer.from('hi') }));
    expect(outcome.status).toContain('404');
    await stillServes();
  });

  it('drops a client that stops reading instead of buffering for it without bound', async () => {
    const slow = await connectWs(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      slow.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    // The page stops reading: its TCP window fills and everything else queues in the host.
    slow.socket.pause();
    const chunk = 'x'.repeat(256 * 1024);
    const maxEvents = Math.ceil((MAX_SEND_BUFFER_BYTES * 4) / chunk.length);
    let sent = 0;
    while (server.clientCount() > 0 && sent < maxEvents) {
      host.ctx.emit('chat.delta', { streamId: 's', text: chunk, reasoning: '' });
      sent += 1;
      // Let the socket flush what the kernel will take before the next event is queued.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(server.clientCount()).toBe(0);
    expect(sent).toBeLessThan(maxEvents);
    // When the page reads again it learns why it was dropped.
    slow.socket.resume();
    expect(await closed).toEqual({ code: CloseReason.tooSlow.code, reason: CloseReason.tooSlow.reason });
    await stillServes();
  });
});
