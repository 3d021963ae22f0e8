// The page's side of browser mode's size limit, with Node's own WebSocket (the same WHATWG API the
// browser has) against the real server.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { websocketTransport } from '../../renderer/src/api/websocket-transport';
import { MAX_WS_MESSAGE_BYTES } from '../../shared/contract';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { createTestHost, type TestHost } from '../helpers/host';

describe('browser mode transport and the message size limit', () => {
  let host: TestHost;
  let server: WebServer;
  beforeEach(async () => {
    host = await createTestHost();
    const staticDir = path.join(host.dataDir, 'renderer');
    await mkdir(staticDir);
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html>');
    server = await startWebServer({ ctx: host.ctx, staticDir, port: 0 });
  });
  afterEach(async () => {
    await server.close();
    await host.cleanup();
  });

  it('refuses a request over the limit itself, with a clear error, and keeps the connection', async () => {
    const transport = websocketTransport(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    await expect(transport.invoke('app.ping', { nonce: 'first' })).resolves.toMatchObject({ ok: true });
    const envelope = await transport.invoke('chat.send', {
      target: { kind: 'profile', profileId: 'p', model: 'm' },
      content: 'é'.repeat(MAX_WS_MESSAGE_BYTES / 2 + 1),
    });
    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'too_large',
        message: 'This request is 16 MB; Switchyard accepts at most 16 MB at a time. Shorten it or split it into parts.',
      },
    });
    await expect(transport.invoke('app.ping', { nonce: 'after' })).resolves.toMatchObject({ ok: true, result: { nonce: 'after' } });
    expect(server.clientCount()).toBe(1);
  });
});

describe('browser mode transport when the host closes with 1009', () => {
  it('says the message was too large instead of "connection lost"', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    wss.on('connection', (ws) => ws.close(1009));
    await new Promise((resolve) => wss.once('listening', resolve));
    const transport = websocketTransport(`ws://127.0.0.1:${(wss.address() as { port: number }).port}/ws`);
    const reason = await new Promise<string | undefined>((resolve) =>
      transport.onStatus((status, why) => status === 'lost' && resolve(why)),
    );
    expect(reason).toBe('Switchyard refused a message larger than 16 MB. Reconnecting…');
    await new Promise((resolve) => wss.close(resolve));
  });
});
