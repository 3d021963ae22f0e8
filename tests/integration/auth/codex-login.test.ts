// The OpenAI Codex sign-in as the app runs it, through the API and the real keychain, against the
// fake auth server: the browser round trip to the local callback, the paste fallback when the port
// is taken, a state mismatch, refresh before expiry, chat through the profile, sign out. No token
// may reach the renderer or the config file.
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyAccount, KeytarStore } from '../../../electron/secrets/keychain';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { providerForProfile } from '../../../electron/services/profile-provider';
import type { CodexLoginState } from '../../../shared/api/auth';
import { startFakeCodex, type FakeCodex } from '../../fakes/codex';
import { freePort } from '../../helpers/net';
import { createTestHost, type TestHost } from '../../helpers/host';
import { callHost } from '../../helpers/call';
import { forgetHostKeys } from '../../helpers/host-keys';

const hasSecretService = process.platform !== 'linux' || Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

/** What the browser does: the authorize page redirects to the callback, which the browser opens. */
async function browserSignsIn(authorizeUrl: string, follow = true): Promise<string> {
  const authorize = await fetch(authorizeUrl, { redirect: 'manual' });
  const callback = authorize.headers.get('location')!;
  if (follow) await fetch(callback.replace('//localhost:', '//127.0.0.1:'));
  return callback;
}

describe.skipIf(!hasSecretService)('Codex sign-in through the API', () => {
  let host: TestHost;
  let fake: FakeCodex;
  let port: number;

  beforeEach(async () => {
    clearKnownSecrets();
    fake = await startFakeCodex();
    port = await freePort();
    host = await createTestHost({ env: { SWITCHYARD_CODEX_ISSUER: fake.issuer, SWITCHYARD_CODEX_CALLBACK_PORT: String(port) } });
  });
  afterEach(async () => {
    await forgetHostKeys(host);
    await host.cleanup();
    await fake.close();
  });

  const call = <T = Record<string, unknown>>(method: string, input: unknown) => callHost<T>(host, method, input);

  async function finished(loginId: string): Promise<CodexLoginState> {
    // Waits for a final state however long a busy machine takes; the test's timeout is the backstop.
    for (;;) {
      const state = await call<CodexLoginState>('auth.codex.status', { loginId });
      if (state.status !== 'waiting' && state.status !== 'exchanging') return state;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async function signIn(): Promise<CodexLoginState> {
    const started = await call<CodexLoginState>('auth.codex.start', {});
    await browserSignsIn(started.authorizeUrl!);
    return finished(started.loginId);
  }

  it('signs in through the local callback, keeps the tokens in the keychain only, and chats', async () => {
    const started = await call<CodexLoginState>('auth.codex.start', {});
    expect(started.status).toBe('waiting');
    const authorize = new URL(started.authorizeUrl!);
    expect(authorize.origin + authorize.pathname).toBe(`${fake.issuer}/oauth/authorize`);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`http://localhost:${port}/auth/callback`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    await browserSignsIn(started.authorizeUrl!);
    const outcome = await finished(started.loginId);
    expect(outcome).toMatchObject({ status: 'success', account: 'user@example.com' });

    const { profiles } = await call<{
      profiles: Array<{ id: string; providerKey: string; options: Record<string, unknown>; keySlots: Array<{ hint: string }> }>;
    }>('profiles.list', {});
    expect(profiles[0]).toMatchObject({
      id: outcome.profileId,
      providerKey: 'openai-codex',
      options: { codexAccount: 'user@example.com' },
      signIn: { kind: 'browser-oauth', service: 'ChatGPT', account: 'user@example.com' },
      keySlots: [{ hint: 'ChatGPT sign-in' }],
    });
    const saved = JSON.parse((await new KeytarStore(host.keychainService).get(keyAccount(outcome.profileId!, 0)))!) as {
      accessToken: string;
      refreshToken: string;
    };
    expect(fake.validAccessTokens.has(saved.accessToken)).toBe(true);

    await call('profiles.update', { id: outcome.profileId, patch: { baseUrl: fake.codexBase } });
    // A new endpoint holds the stored tokens until the user confirms it (keys are bound to where they go).
    await call('profiles.confirmEndpoint', { id: outcome.profileId });
    const { provider } = await providerForProfile(host.ctx, outcome.profileId!);
    const answer = await provider.chat({ model: 'gpt-5-codex', messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.text.length).toBeGreaterThan(0);
    expect(fake.responsesRequests()[0]!.headers.authorization).toBe(`Bearer ${saved.accessToken}`);

    const seen = JSON.stringify([host.events, profiles, await call('auth.codex.status', { loginId: started.loginId })]);
    const config = await readFile(path.join(host.dataDir, 'config.json'), 'utf8');
    for (const secret of [saved.accessToken, saved.refreshToken]) {
      expect(seen).not.toContain(secret);
      expect(config).not.toContain(secret);
    }
  });

  it('refreshes a token that is about to expire and saves the new one to the keychain', async () => {
    fake.expiresIn = 30; // inside the 90 s refresh margin
    const outcome = await signIn();
    await call('profiles.update', { id: outcome.profileId, patch: { baseUrl: fake.codexBase } });
    // A new endpoint holds the stored tokens until the user confirms it (keys are bound to where they go).
    await call('profiles.confirmEndpoint', { id: outcome.profileId });
    const before = JSON.parse((await new KeytarStore(host.keychainService).get(keyAccount(outcome.profileId!, 0)))!) as {
      accessToken: string;
    };
    fake.expiresIn = 3600;
    const { provider } = await providerForProfile(host.ctx, outcome.profileId!);
    await provider.chat({ model: 'gpt-5-codex', messages: [{ role: 'user', content: 'hi' }] });
    const after = JSON.parse((await new KeytarStore(host.keychainService).get(keyAccount(outcome.profileId!, 0)))!) as {
      accessToken: string;
    };
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(fake.tokenRequests().map((r) => r.form.get('grant_type'))).toEqual(['authorization_code', 'refresh_token']);
    expect(fake.responsesRequests()[0]!.headers.authorization).toBe(`Bearer ${after.accessToken}`);
  });

  it('falls back to pasting the redirect when the callback port is taken, and rejects a wrong state', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const started = await call<CodexLoginState>('auth.codex.start', {});
      expect(started.message).toMatch(/paste/i);
      const redirect = await browserSignsIn(started.authorizeUrl!, false);
      const forged = new URL(redirect);
      forged.searchParams.set('state', 'someone-elses-state');
      const rejected = await call<CodexLoginState>('auth.codex.pasteRedirect', { loginId: started.loginId, input: forged.toString() });
      expect(rejected).toMatchObject({ status: 'error', message: expect.stringMatching(/state/i) });
      expect(await new KeytarStore(host.keychainService).list()).toEqual([]);
      const accepted = await call<CodexLoginState>('auth.codex.pasteRedirect', { loginId: started.loginId, input: redirect });
      expect(accepted).toMatchObject({ status: 'success', account: 'user@example.com' });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('cancels a waiting sign-in, and signs out', async () => {
    const started = await call<CodexLoginState>('auth.codex.start', {});
    await call('auth.codex.cancel', { loginId: started.loginId });
    expect(await finished(started.loginId)).toMatchObject({ status: 'cancelled' });
    const outcome = await signIn();
    await call('auth.codex.signOut', { profileId: outcome.profileId });
    expect(await new KeytarStore(host.keychainService).list()).toEqual([]);
    const { provider } = await providerForProfile(host.ctx, outcome.profileId!);
    await expect(provider.chat({ model: 'gpt-5-codex', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      message: expect.stringMatching(/sign in/i),
    });
  });
});
