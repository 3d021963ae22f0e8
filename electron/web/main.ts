// `npm run web`: start browser mode and print the private URL. Ctrl-C stops it cleanly.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HostContext } from '../host/context';
import { defaultDataDir } from '../config/paths';
import { keepServingOnStrayErrors } from '../stray-errors';
import { appVersion } from '../version';
import { startWebServer } from './server';
import { gatewayService } from '../gateway/service';

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.error(`Could not open a browser (${command}); open the URL above yourself.`));
  child.unref();
}

async function main(): Promise<void> {
  keepServingOnStrayErrors('browser mode');
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      open: { type: 'boolean', default: false },
      'static-dir': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, not ${JSON.stringify(values.port)}.`);
    process.exit(2);
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const staticDir = values['static-dir'] ?? path.join(here, 'renderer');
  const ctx = new HostContext({
    dataDir: defaultDataDir(),
    keychainService: process.env.SWITCHYARD_KEYCHAIN_SERVICE ?? 'Switchyard',
    transport: 'websocket',
    appVersion,
    electronVersion: null,
  });
  let server;
  try {
    server = await startWebServer({ ctx, staticDir, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${port} is already in use; pick another with --port or omit it.`
        : `Could not start: ${(error as Error).message}`,
    );
    process.exit(1);
  }
  console.log(`Switchyard is running at ${server.url}`);
  console.log(`Data folder: ${ctx.dataDir}`);
  // The gateway runs here too when the user turned it on (Settings → Gateway).
  const gateway = await ctx.use(gatewayService).apply();
  if (gateway.baseUrl) console.log(`Gateway: ${gateway.baseUrl}`);
  else if (gateway.error) console.error(`Gateway: ${gateway.error}`);
  if (values.open) openInBrowser(server.url);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`\n${signal}: stopping Switchyard…`);
    await server.close();
    await ctx.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
