// Our own stream paths for bench/stream.bench.ts: (c) the adapter alone, and (d) the whole host
// path — the handler table, the chat service (history included) and the browser-mode WebSocket.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HostContext } from '../electron/host/context';
import { createProvider } from '../electron/providers/factory';
import { startWebServer } from '../electron/web/server';
import { connectWs } from '../tests/helpers/ws-client';

export interface StreamPaths {
  adapter?: () => Promise<void>;
  transport?: () => Promise<void>;
  close(): Promise<void>;
}

export async function streamPaths(baseUrl: string, chunks: number): Promise<StreamPaths> {
  const provider = createProvider(`custom:${baseUrl}`, { credential: 'bench', env: {} });
  const adapter = async () => {
    let tokens = 0;
    for await (const event of provider.stream({ model: 'bench', messages: [{ role: 'user', content: 'go' }] }))
      if (event.type === 'text') tokens += 1;
    if (tokens !== chunks) throw new Error(`adapter saw ${tokens} chunks`);
  };

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-bench-'));
  const ctx = new HostContext({
    dataDir,
    keychainService: 'Switchyard-bench',
    transport: 'websocket',
    appVersion: 'bench',
    electronVersion: null,
    env: {},
  });
  const server = await startWebServer({ ctx, staticDir: dataDir, port: 0 });
  const client = await connectWs(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
  const created = await client.invoke('profiles.create', { name: 'Bench', providerKey: `custom:${baseUrl}` });
  if (!created.ok) throw new Error(created.error.message);
  const profileId = (created.result as { id: string }).id;
  const transport = async () => {
    const before = client.events.length;
    const sent = await client.invoke('chat.send', { target: { kind: 'profile', profileId, model: 'bench' }, content: 'go' });
    if (!sent.ok) throw new Error(sent.error.message);
    const { streamId } = sent.result as { streamId: string };
    for (;;) {
      const done = client.events
        .slice(before)
        .find((e) => e.event === 'chat.done' && (e.payload as { streamId: string }).streamId === streamId);
      if (done) {
        const text = (done.payload as { message: { content: string } }).message.content;
        if (!text.startsWith('tok0 ')) throw new Error('whole path lost the answer');
        client.events.length = 0;
        return;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return {
    adapter,
    transport,
    async close() {
      await client.close();
      await server.close();
      await ctx.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
