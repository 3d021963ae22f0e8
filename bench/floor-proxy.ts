// The floor for the gateway benchmark: the least any Node process between a client and a provider
// costs. It forwards a chat to the upstream its model name picks (`Big/bench` → Big's URL), with the
// same http server and undici client as the gateway but nothing else: no token, no parsing into our
// terms, no engine, no log; a stream is piped through byte for byte. What the gateway adds over this
// is its own work; what this adds over calling the fake directly is the cost of a hop on loopback.
// Speaks gateway-host.ts's protocol: `Name=url …` arguments, {port, token} on stdout, CPU over IPC.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

const upstreams = new Map(process.argv.slice(2).map((spec) => spec.split('=') as [string, string]));
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 256 });

async function forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model: string };
  const [name, model] = body.model.split('/') as [string, string];
  const upstream = await request(`${upstreams.get(name)}/chat/completions`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, model }),
  });
  res.writeHead(upstream.statusCode, { 'content-type': String(upstream.headers['content-type']) });
  for await (const chunk of upstream.body) res.write(chunk);
  res.end();
}

const server = http.createServer((req, res) => {
  forward(req, res).catch((error: Error) => {
    if (!res.headersSent) res.writeHead(502).end(error.message);
    else res.destroy();
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port, token: 'none' })}\n`);
});
process.on('message', (message) => {
  if (message === 'cpu') process.send?.(process.cpuUsage());
});
process.once('SIGTERM', () => process.exit(0));
