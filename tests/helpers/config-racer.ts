// A second process writing config.json: adds `count` routes named `<tag>-<n>`, one update each,
// as fast as it can (for the cross-process race test).
import { ConfigStore } from '../../electron/config/store';

const [dir, tag, count] = process.argv.slice(2) as [string, string, string];
const store = new ConfigStore(dir);
for (let i = 0; i < Number(count); i += 1) {
  await store.update((config) => {
    config.routes.push({ id: `${tag}-${i}`, hint: `${tag}-${i}`, chainId: 'c' });
  });
}
