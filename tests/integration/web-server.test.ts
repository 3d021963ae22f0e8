import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { createTestHost, type TestHost } from '../helpers/host';
import { connectWs, type Refusal } from '../helpers/ws-client';

async function rawGet(
  port: number,
  urlPath: string,
  host: string,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  // fetch() does not let us forge Host, so speak HTTP/1.1 ourselves.
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`GET ${urlPath} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    });
    let raw = '';
    socket.on('data', (chunk) => (raw += chunk.toString()));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', body = ''] = raw.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const at = line.indexOf(':');
        headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
      }
      resolve({ status: Number(statusLine?.split(' ')[1]), headers, body });
    });
  });
}

describe('browser mode server', () => {
  let host: TestHost;
  let server: WebServer;
  let wsBase: string;

  beforeEach(async () => {
    host = await createTestHost();
    const staticDir = path.join(host.dataDir, 'renderer');
    await mkdir(path.join(staticDir, 'assets'), { recursive: true });
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Switchyard</title>');
    await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    server = await startWebServer({ ctx: host.ctx, staticDir, port: 0 });
    wsBase = `ws://127.0.0.1:${server.port}/ws`;
  });

  afterEach(async () => {
    await server.close();
    await host.cleanup();
  });

  it('prints a loopback URL carrying a random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}$/);
    expect(server.url).toContain(server.token);
  });

  it('serves the renderer with a CSP that allows only its own WebSocket', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Switchyard</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src ws://127.0.0.1:${server.port} ws://localhost:${server.port}`);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    const asset = await fetch(`http://127.0.0.1:${server.port}/assets/app.js`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
  });

  it('never serves files outside the renderer folder', async () => {
    const response = await rawGet(server.port, '/../../etc/passwd', `127.0.0.1:${server.port}`);
    expect(response.body).not.toContain('root:');
  });

  it('refuses HTTP requests whose Host is not loopback (DNS rebinding)', async () => {
    const response = await rawGet(server.port, '/', `evil.example:${server.port}`);
    expect(response.status).toBe(403);
  });

  it('answers invocations over the WebSocket with the right token', async () => {
    const client = await connectWs(`${wsBase}?token=${server.token}`, { Origin: `http://127.0.0.1:${server.port}` });
    const envelope = await client.invoke('app.info');
    expect(envelope).toMatchObject({ ok: true, result: { name: 'Switchyard', transport: 'websocket', dataDir: host.dataDir } });
    await client.close();
  });

  it('refuses a WebSocket without the token, with a reason to show', async () => {
    await expect(connectWs(wsBase)).rejects.toMatchObject({
      code: 4401,
      reason: expect.stringContaining('Missing token'),
    } satisfies Partial<Refusal>);
  });

  it('refuses a WebSocket with a wrong token', async () => {
    await expect(connectWs(`${wsBase}?token=not-the-token`)).rejects.toMatchObject({
      code: 4401,
      reason: expect.stringContaining('Wrong token'),
    });
  });

  it('refuses a WebSocket from a foreign Origin even with the right token', async () => {
    await expect(connectWs(`${wsBase}?token=${server.token}`, { Origin: 'http://evil.example' })).rejects.toMatchObject({
      code: 4403,
      reason: expect.stringContaining('Origin not allowed'),
    });
  });

  it('refuses a WebSocket whose Host is not loopback even with the right token', async () => {
    await expect(connectWs(`${wsBase}?token=${server.token}`, { Host: 'evil.example' })).rejects.toMatchObject({
      code: 4403,
      reason: expect.stringContaining('Host not allowed'),
    });
  });

  it('accepts localhost as well as 127.0.0.1 as the page origin', async () => {
    const client = await connectWs(`${wsBase}?token=${server.token}`, { Origin: `http://localhost:${server.port}` });
    expect((await client.invoke('app.ping', { nonce: 'n1' })).ok).toBe(true);
    await client.close();
  });

  it('returns structured errors for bad frames instead of dropping the connection', async () => {
    const client = await connectWs(`${wsBase}?token=${server.token}`);
    const envelope = await client.invoke('app.ping', { nonce: 7 });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    client.socket.send('this is not json');
    expect((await client.invoke('app.ping', {})).ok).toBe(true);
    await client.close();
  });
});
