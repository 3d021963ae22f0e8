// A guard for running real third-party programs in tests: an HTTP proxy on 127.0.0.1 that passes
// on requests to loopback addresses only and refuses, and records, every other destination. Point
// HTTP(S)_PROXY at it and a program that tries to reach the internet (telemetry, update checks, a
// missed base-URL setting) is stopped here and shows up in `refused`, instead of leaving the machine.
// Plain requests arrive with an absolute URL (forwarded when the host is loopback); HTTPS arrives
// as CONNECT (tunnelled when the host is loopback).
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

export interface LoopbackProxy {
  url: string;
  /** Every destination refused, as "METHOD host:port/path" or "CONNECT host:port". */
  refused: string[];
  /** Every destination passed on to loopback. */
  passed: string[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export async function startLoopbackProxy(): Promise<LoopbackProxy> {
  const refused: string[] = [];
  const passed: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      refused.push(`${req.method} ${req.url}`);
      res.writeHead(400).end('absolute URL expected');
      return;
    }
    const label = `${req.method} ${target.host}${target.pathname}`;
    if (!LOOPBACK.has(target.hostname)) {
      refused.push(label);
      res.writeHead(403, { 'content-type': 'text/plain' }).end('refused by the test guard: not loopback');
      return;
    }
    passed.push(label);
    const upstream = http.request(
      {
        host: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port || 80,
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.on('error', () => upstream.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    // A program that gives up on a refused tunnel may reset the socket: that is not a test failure.
    client.on('error', () => client.destroy());
    const [host = '', port = '443'] = (req.url ?? '').split(/:(?=\d+$)/);
    if (!LOOPBACK.has(host)) {
      refused.push(`CONNECT ${req.url}`);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    passed.push(`CONNECT ${req.url}`);
    const tunnel = net.connect(Number(port), host.replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      tunnel.write(head);
      tunnel.pipe(client);
      client.pipe(tunnel);
    });
    tunnel.on('error', () => client.destroy());
    client.on('close', () => tunnel.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refused,
    passed,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
