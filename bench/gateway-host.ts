// The gateway in its own process for the gateway benchmark, as it runs in the app: a host on a
// temp data folder with one OpenAI-compatible profile per upstream URL given on the command line,
// one token, and no concurrency cap worth hitting. Prints {port, token} as JSON, reports its CPU time
// when asked over IPC, stops on SIGTERM.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HostContext } from '../electron/host/context';
import { gatewayService } from '../electron/gateway/service';
import { createToken } from '../electron/gateway/tokens';
import { createProfile } from '../electron/services/profiles';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-bench-gateway-'));
const ctx = new HostContext({
  dataDir,
  keychainService: 'Switchyard-bench',
  transport: 'cli',
  appVersion: 'bench',
  electronVersion: null,
  env: {},
});
for (const spec of process.argv.slice(2)) {
  const [name, url] = spec.split('=');
  await createProfile(ctx, { name: name!, providerKey: `custom:${url}` });
}
await ctx.config.update((config) => {
  config.gateway.maxConcurrentPerToken = 1000;
});
const { token } = await createToken(ctx, 'bench');
const server = await ctx.use(gatewayService).start(0);
process.stdout.write(`${JSON.stringify({ port: server.port, token })}\n`);
// The bench asks for this process's CPU time around a run: a figure the machine's load does not skew.
process.on('message', (message) => {
  if (message === 'cpu') process.send?.(process.cpuUsage());
});
process.once('SIGTERM', () => {
  void ctx.dispose().then(async () => {
    await rm(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
