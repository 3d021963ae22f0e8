// The gateway benchmark's loopback fakes in a process of their own, as a real provider is: never in
// the client's event loop. Arguments: chunk counts; prints their base URLs as a JSON array; stops on
// SIGTERM.
import { startBlaster } from './sse-blaster';

const blasters = await Promise.all(process.argv.slice(2).map((chunks) => startBlaster(Number(chunks))));
process.stdout.write(`${JSON.stringify(blasters.map((blaster) => blaster.baseUrl))}\n`);
process.once('SIGTERM', () => {
  void Promise.all(blasters.map((blaster) => blaster.close())).then(() => process.exit(0));
});
