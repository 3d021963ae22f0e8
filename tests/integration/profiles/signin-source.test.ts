// A Gemini profile without a key shows that requests will use the Gemini CLI's sign-in, when its
// credentials file exists, and "no key" when it does not.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { createTestHost, type TestHost } from '../../helpers/host';

describe('where a profile without a key takes its credential from', () => {
  let host: TestHost | undefined;
  let home: string | undefined;
  afterEach(async () => {
    await host?.cleanup();
    if (home) await rm(home, { recursive: true, force: true });
  });

  async function profileView(env: NodeJS.ProcessEnv, providerKey = 'gemini') {
    host = await createTestHost({ env });
    const created = await dispatch(host.ctx, 'profiles.create', { name: 'Profile', providerKey });
    expect(created.ok).toBe(true);
    const listed = await dispatch(host.ctx, 'profiles.list', {});
    return (listed as { ok: true; result: { profiles: Array<Record<string, unknown>> } }).result.profiles[0]!;
  }

  it('names the Gemini CLI sign-in file, with the home folder as ~', async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-home-'));
    await import('node:fs/promises').then((fs) => fs.mkdir(path.join(home!, '.gemini')));
    await writeFile(
      path.join(home, '.gemini', 'oauth_creds.json'),
      JSON.stringify({ access_token: 'ya29.secret-access', refresh_token: '1//secret-refresh', expiry_date: Date.now() + 3_600_000 }),
    );
    const view = await profileView({ HOME: home });
    expect(view).toMatchObject({
      keySource: 'signin',
      hasKey: true,
      credentialLabel: `Gemini CLI sign-in (~${path.sep}.gemini${path.sep}oauth_creds.json)`,
    });
    expect(JSON.stringify(view)).not.toMatch(/secret-(access|refresh)/);
  });

  it('says there is no key when the file is missing, and prefers an env key over the file', async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-home-'));
    expect(await profileView({ HOME: home })).toMatchObject({ keySource: 'none', hasKey: false });
    await host!.cleanup();
    host = undefined;
    expect(await profileView({ HOME: home, GEMINI_API_KEY: 'AIza-env-key-000000000000000000000' })).toMatchObject({
      keySource: 'env',
      envVar: 'GEMINI_API_KEY',
    });
  });

  it('names the AWS credentials a Bedrock profile would sign with', async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-home-'));
    expect(await profileView({ HOME: home }, 'bedrock')).toMatchObject({ keySource: 'none' });
    await host!.cleanup();
    expect(
      await profileView(
        { HOME: home, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
        'bedrock',
      ),
    ).toMatchObject({ keySource: 'signin', credentialLabel: 'AWS keys from AWS_ACCESS_KEY_ID' });
    await host!.cleanup();
    await import('node:fs/promises').then((fs) => fs.mkdir(path.join(home!, '.aws')));
    await writeFile(path.join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n');
    const view = await profileView({ HOME: home }, 'bedrock');
    expect(view).toMatchObject({ keySource: 'signin', credentialLabel: `AWS credentials (~${path.sep}.aws${path.sep}credentials)` });
    expect(JSON.stringify(view)).not.toContain('secret');
  });
});
