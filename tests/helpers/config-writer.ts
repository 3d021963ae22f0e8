// A child process that rewrites the config as fast as it can, for the SIGKILL soak
// (tests/soak/config-kill.ts): the parent kills it at random moments and checks the file is never torn.
import { ConfigStore } from '../../electron/config/store';

const store = new ConfigStore(process.argv[2]!);
let n = 0;
for (;;) {
  n += 1;
  await store.update((config) => {
    config.settings.prices = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`model-${n}-${i}`, { inputPerMTok: n, outputPerMTok: i }]),
    );
  });
  if (n === 1) process.send?.('written');
}
