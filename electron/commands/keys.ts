// `switchyard keys set|delete|status`: keys go to the keychain from a hidden prompt or stdin, never argv.
import type { Command } from 'commander';
import { AppError } from '../errors';
import { describeChanges, keysOnHold } from '../services/key-binding';
import { confirmEndpoint, deleteProfileKey, getProfile, keychainStatus, setProfileKey } from '../services/profiles';
import { runWithHost } from './host';

/** Reads a key without echoing it on a terminal, or from stdin when piped. */
export async function readSecret(
  prompt: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) {
    let data = '';
    for await (const chunk of input) data += chunk.toString();
    return data.trim();
  }
  output.write(prompt);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (buffer: Buffer) => {
      for (const char of buffer.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          cleanup();
          output.write('\n');
          resolve(value.trim());
          return;
        }
        if (char === '\u0003') {
          cleanup();
          reject(Object.assign(new Error('Cancelled.'), { name: 'AbortError' }));
          return;
        }
        value = char === '\u007f' ? value.slice(0, -1) : value + char;
      }
    };
    const cleanup = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
    };
    input.on('data', onData);
  });
}

export function registerKeyCommands(program: Command): void {
  const keys = program.command('keys').description('API keys in the OS keychain');
  keys
    .command('set')
    .description('store a key for a profile (typed at a hidden prompt, or piped on stdin)')
    .argument('<profile>', 'profile name or id')
    .option('--slot <n>', 'key slot 0–9 (several slots rotate on rate limits)', '0')
    .action((profileName: string, options: { slot: string }) =>
      runWithHost(async (ctx) => {
        const profile = await getProfile(ctx, profileName);
        const key = await readSecret(`Key for ${profile.name} (slot ${options.slot}, not shown): `);
        const { hint } = await setProfileKey(ctx, profile.id, Number(options.slot), key);
        console.log(`Saved ${hint} for ${profile.name} in the keychain.`);
      }),
    );
  keys
    .command('delete')
    .description('remove a key slot from the keychain')
    .argument('<profile>', 'profile name or id')
    .option('--slot <n>', 'key slot', '0')
    .action((profileName: string, options: { slot: string }) =>
      runWithHost(async (ctx) => {
        const profile = await getProfile(ctx, profileName);
        await deleteProfileKey(ctx, profile.id, Number(options.slot));
        console.log(`Deleted key slot ${options.slot} of ${profile.name}.`);
      }),
    );
  keys
    .command('confirm')
    .description("let a profile's keys go to its new provider, endpoint or proxy (they are on hold after such a change)")
    .argument('<profile>', 'profile name or id')
    .action((profileName: string) =>
      runWithHost(async (ctx) => {
        const profile = await getProfile(ctx, profileName);
        const held = keysOnHold(profile, (await ctx.config.read()).settings.proxyUrl);
        if (held.length === 0) {
          console.log(`The keys of ${profile.name} are not on hold; nothing to confirm.`);
          return;
        }
        await confirmEndpoint(ctx, profile.id);
        console.log(`Confirmed: the keys of ${profile.name} are sent again (${describeChanges(held)}).`);
      }),
    );
  keys
    .command('status')
    .description('whether the keychain works, and which backend')
    .action(() =>
      runWithHost(async (ctx) => {
        const status = await keychainStatus(ctx);
        if (!status.available) {
          console.log(`Keychain: ${status.code === 'keychain_locked' ? 'locked' : 'unavailable'} (${status.backend}).`);
          throw new AppError(status.code ?? 'keychain_unavailable', status.error ?? 'No keychain is available.');
        }
        console.log(
          `Keychain: available (${status.backend}), ${status.keys} key${status.keys === 1 ? '' : 's'} stored for Switchyard profiles.`,
        );
      }),
    );
}
