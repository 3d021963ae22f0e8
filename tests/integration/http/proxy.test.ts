// HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured through undici's EnvHttpProxyAgent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../../electron/providers/factory';

describe('proxy settings', () => {
  let proxy: http.Server;
  let seen: string[];
  let proxyUrl: string;
  beforeEach(async () => {
    seen = [];
    // A forward proxy for plain-http targets receives the absolute URL; this one answers itself.
    proxy = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'via-proxy' }] }));
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

  it('sends provider traffic through HTTP_PROXY', async () => {
    const provider = createProvider('custom:http://models.internal.example/v1', {
      credential: 'k-0123456789',
      env: { HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl },
    });
    expect(await provider.listModels()).toEqual([{ id: 'via-proxy' }]);
    expect(seen).toEqual(['GET http://models.internal.example/v1/models']);
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    const direct = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [{ id: 'direct' }] }));
    });
    await new Promise<void>((resolve) => direct.listen(0, '127.0.0.1', resolve));
    const port = (direct.address() as AddressInfo).port;
    const provider = createProvider(`custom:http://127.0.0.1:${port}/v1`, {
      credential: 'k-0123456789',
      env: { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' },
    });
    expect(await provider.listModels()).toEqual([{ id: 'direct' }]);
    expect(seen).toEqual([]);
    await new Promise<void>((resolve) => direct.close(() => resolve()));
  });
});
