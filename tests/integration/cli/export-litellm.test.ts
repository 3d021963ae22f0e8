// `switchyard export litellm` end to end: real keys go into a real (test) keychain through the same
// service the app uses, the CLI exports, and neither the file nor anything printed holds a key.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HostContext } from '../../../electron/host/context';
import { deleteProfileKey, setProfileKey } from '../../../electron/services/profiles';
import { teamConfig } from '../../helpers/team-config';
import { CLI_ENTRY } from '../../helpers/cli-entry';

const run = promisify(execFile);
const hasSecretService = process.platform !== 'linux' || Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

// Distinct, greppable values; none may leave the keychain.
const KEYS = {
  openai0: 'sk-export-test-openai-slot0-9f8e7d6c5b4a',
  openai1: 'sk-export-test-openai-slot1-0a1b2c3d4e5f',
  anthropic: 'sk-ant-export-test-1122334455667788',
  azure: 'azure-export-test-aabbccddeeff00112233',
  custom: 'team-vllm-export-test-445566778899',
};
const GEMINI_ENV_KEY = 'gemini-env-export-test-ffeeddccbbaa';

async function exportCli(args: string[], home: string, service: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    SWITCHYARD_HOME: home,
    SWITCHYARD_KEYCHAIN_SERVICE: service,
    GEMINI_API_KEY: GEMINI_ENV_KEY,
    ...(process.env.DBUS_SESSION_BUS_ADDRESS && { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS }),
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [...CLI_ENTRY, 'export', 'litellm', ...args], { env, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout: string; stderr: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('switchyard export litellm', () => {
  let home: string;
  let service: string;
  beforeEach(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-export-'));
    service = `Switchyard-test-export-${process.pid}-${Date.now()}`;
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('says there is nothing to export yet, with exit code 1', async () => {
    const result = await exportCli([], home, service);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Nothing to export to LiteLLM. There are no chains yet');
    expect(result.stdout).toBe('');
  });

  it.skipIf(!hasSecretService)(
    'exports keys from the keychain only as os.environ names, in the file and in everything printed',
    async () => {
      const config = teamConfig();
      for (const profile of config.profiles) profile.keySlots = [];
      await writeFile(path.join(home, 'config.json'), JSON.stringify(config));
      const ctx = new HostContext({ dataDir: home, keychainService: service, transport: 'cli', appVersion: 'test', electronVersion: null });
      const stored: Array<[string, number]> = [
        ['p-openai', 0],
        ['p-openai', 1],
        ['p-anthropic', 0],
        ['p-azure', 0],
        ['p-custom', 0],
      ];
      try {
        await setProfileKey(ctx, 'p-openai', 0, KEYS.openai0);
        await setProfileKey(ctx, 'p-openai', 1, KEYS.openai1);
        await setProfileKey(ctx, 'p-anthropic', 0, KEYS.anthropic);
        await setProfileKey(ctx, 'p-azure', 0, KEYS.azure);
        await setProfileKey(ctx, 'p-custom', 0, KEYS.custom);
        await ctx.dispose();

        const out = path.join(home, 'litellm-config.yaml');
        const written = await exportCli(['--out', out], home, service);
        expect(written.code).toBe(0);
        const file = await readFile(out, 'utf8');
        const printed = `${written.stdout}${written.stderr}`;
        expect(printed).toContain(`Wrote ${out}: 2 chains, 2 routes, 11 model deployments; no key is included.`);
        expect(printed).toMatch(/SWITCHYARD_WORK_OPENAI_API_KEY_2 +key 2 of the profile “Work OpenAI”/);
        expect(printed).toMatch(/- all chains: Streaming: Switchyard falls back only before the first token/);
        expect(file).toContain('api_key: os.environ/SWITCHYARD_WORK_OPENAI_API_KEY_1');
        expect(file).toContain('api_key: os.environ/GEMINI_API_KEY');

        // Without --out the YAML alone goes to stdout, so it can be piped; the rest goes to stderr.
        const piped = await exportCli([], home, service);
        expect(piped.code).toBe(0);
        expect(parse(piped.stdout, { version: '1.1' })).toEqual(parse(file, { version: '1.1' }));
        expect(piped.stderr).toContain('Set these environment variables on the gateway, then run: litellm --config litellm-config.yaml');

        for (const secret of [...Object.values(KEYS), GEMINI_ENV_KEY]) {
          for (const [where, text] of Object.entries({ file, printed, piped: `${piped.stdout}${piped.stderr}` })) {
            expect(text.includes(secret), `${where} holds a key`).toBe(false);
            expect(text.includes(secret.slice(-12)), `${where} holds the end of a key`).toBe(false);
          }
        }
      } finally {
        const cleanup = new HostContext({
          dataDir: home,
          keychainService: service,
          transport: 'cli',
          appVersion: 'test',
          electronVersion: null,
        });
        for (const [id, slot] of stored) await deleteProfileKey(cleanup, id, slot).catch(() => undefined);
        await cleanup.dispose();
      }
    },
  );
});
