// The Copilot sign-in as the app runs it, through the API and the real keychain, against the GitHub
// fake: states as events, the GitHub token in the keychain only, the account on the profile, chat
// through the signed-in profile, sign out. Neither token may reach the renderer or the config file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyAccount, KeytarStore } from '../../../electron/secrets/keychain';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { copilotLogins } from '../../../electron/services/copilot-login';
import { providerForProfile } from '../../../electron/services/profile-provider';
import type { CopilotLoginState } from '../../../shared/api/auth';
import { fakeClock } from '../../fakes/clock';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../../fakes/github';
import { createTestHost, type TestHost } from '../../helpers/host';
import { callHost } from '../../helpers/call';
import { forgetHostKeys } from '../../helpers/host-keys';

const hasSecretService = process.platform !== 'linux' || Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const GITHUB_TOKEN = 'gho_copilotLoginSecret0123456789abcdef';

describe.skipIf(!hasSecretService)('Copilot sign-in through the API', () => {
  let host: TestHost;
  let github: FakeGitHub;
  let opened: Array<[string, string]>;

  async function setup(options: FakeGitHubOptions = {}) {
    github = await startFakeGitHub({ githubToken: GITHUB_TOKEN, login: 'mona', ...options });
    opened = [];
    host = await createTestHost({ env: { SWITCHYARD_GITHUB_URL: github.url }, openLoginWindow: (kind, id) => opened.push([kind, id]) });
    host.ctx.use(copilotLogins).clock = fakeClock();
  }

  beforeEach(() => clearKnownSecrets());
  afterEach(async () => {
    await forgetHostKeys(host);
    await host.cleanup();
    await github.close();
  });

  const call = <T = Record<string, unknown>>(method: string, input: unknown) => callHost<T>(host, method, input);

  const states = (loginId: string) =>
    host.events
      .filter((e) => e.event === 'auth.copilot.state' && (e.payload as CopilotLoginState).loginId === loginId)
      .map((e) => e.payload as CopilotLoginState);

  async function finished(loginId: string): Promise<CopilotLoginState> {
    // Waits for a final state however long a busy machine takes; the test's timeout is the backstop.
    for (;;) {
      const last = states(loginId).at(-1);
      if (last && ['success', 'expired', 'denied', 'error', 'cancelled'].includes(last.status)) return last;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('signs in, stores the GitHub token in the keychain only, and shows the account on a new profile', async () => {
    await setup({ polls: ['authorization_pending', 'slow_down', 'token'] });
    const { loginId, presentation } = await call<{ loginId: string; presentation: string }>('auth.copilot.start', {});
    expect(presentation).toBe('window');
    expect(opened).toEqual([['copilot', loginId]]);
    const outcome = await finished(loginId);
    expect(outcome).toMatchObject({ status: 'success', account: 'mona', host: 'github.com' });
    expect(states(loginId).map((s) => s.status)).toEqual(['requesting', 'waiting', 'waiting', 'slow_down', 'authorized', 'success']);
    expect(states(loginId)[1]).toMatchObject({ userCode: 'WDJB-MJHT', verificationUri: `${github.url}/login/device` });

    const { profiles } = await call<{
      profiles: Array<{ id: string; name: string; providerKey: string; options: Record<string, unknown>; keySource: string }>;
    }>('profiles.list', {});
    expect(profiles).toHaveLength(1);
    expect(profiles[0]).toMatchObject({
      id: outcome.profileId,
      name: 'GitHub Copilot',
      providerKey: 'copilot',
      adapter: 'copilot',
      keySource: 'keychain',
      options: { githubAccount: 'mona' },
      signIn: { kind: 'device-code', service: 'GitHub', account: 'mona' },
    });
    expect(await new KeytarStore(host.keychainService).get(keyAccount(outcome.profileId!, 0))).toBe(GITHUB_TOKEN);
    expect(host.events.some((e) => e.event === 'profiles.changed')).toBe(true);

    // Chat through the signed-in profile trades the GitHub token for a Copilot token.
    const { provider } = await providerForProfile(host.ctx, outcome.profileId!);
    const answer = await provider.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'ping' }] });
    expect(answer.text).toBe('Copilot says: ping');

    // Leak check: neither token in anything the renderer saw, nor in the config file.
    const copilotToken = github.issuedCopilotTokens[0]!;
    const seen = JSON.stringify([host.events, profiles, await call('auth.copilot.status', { loginId })]);
    for (const secret of [GITHUB_TOKEN, copilotToken]) {
      expect(seen).not.toContain(secret);
      expect(await readFile(path.join(host.dataDir, 'config.json'), 'utf8')).not.toContain(secret);
    }
  });

  it('signs in an existing profile and signs it out again', async () => {
    await setup();
    const created = await call<{ id: string }>('profiles.create', { name: 'Work Copilot', providerKey: 'copilot' });
    const { loginId } = await call<{ loginId: string }>('auth.copilot.start', { profileId: created.id, presentation: 'inline' });
    expect(opened).toEqual([]);
    expect(await finished(loginId)).toMatchObject({ status: 'success', profileId: created.id, account: 'mona' });
    await call('auth.copilot.signOut', { profileId: created.id });
    expect(await new KeytarStore(host.keychainService).list()).toEqual([]);
    const { profiles } = await call<{ profiles: Array<{ options: Record<string, unknown>; keySource: string }> }>('profiles.list', {});
    expect(profiles[0]).toMatchObject({ keySource: 'none', options: {}, signIn: { kind: 'device-code' } });
    expect(profiles[0]).not.toHaveProperty('signIn.account');
    const { provider } = await providerForProfile(host.ctx, created.id);
    await expect(provider.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      message: expect.stringContaining('not signed in'),
    });
  });

  it('reports expired and denied as final states and stores nothing', async () => {
    await setup({ polls: ['authorization_pending', 'expired_token'] });
    const first = await call<{ loginId: string }>('auth.copilot.start', {});
    expect(await finished(first.loginId)).toMatchObject({ status: 'expired', message: expect.stringContaining('Start again') });
    github.options.polls = ['access_denied'];
    const second = await call<{ loginId: string }>('auth.copilot.start', {});
    expect(await finished(second.loginId)).toMatchObject({ status: 'denied' });
    expect((await call<{ profiles: unknown[] }>('profiles.list', {})).profiles).toEqual([]);
  });

  it('cancels a running sign-in', async () => {
    await setup({ polls: ['authorization_pending'] });
    const clock = fakeClock();
    const sleep = clock.sleep;
    // Real time passes between polls here, so the cancel lands while the flow is waiting.
    clock.sleep = async (ms, signal) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return sleep(ms, signal);
    };
    host.ctx.use(copilotLogins).clock = clock;
    const { loginId } = await call<{ loginId: string }>('auth.copilot.start', {});
    while (!states(loginId).some((s) => s.status === 'waiting')) await new Promise((resolve) => setTimeout(resolve, 5));
    await call('auth.copilot.cancel', { loginId });
    expect(await finished(loginId)).toMatchObject({ status: 'cancelled' });
  });

  it('opens the verification page through the host, and refuses a non-Copilot profile or a bad host', async () => {
    await setup({ polls: ['authorization_pending'] });
    const { loginId } = await call<{ loginId: string }>('auth.copilot.start', { presentation: 'inline' });
    while (!states(loginId).some((s) => s.status === 'waiting')) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await call('auth.copilot.openVerificationPage', { loginId })).toEqual({ opened: false, url: `${github.url}/login/device` });
    await call('auth.copilot.cancel', { loginId });
    const openai = await call<{ id: string }>('profiles.create', { name: 'OpenAI', providerKey: 'openai' });
    await expect(call('auth.copilot.start', { profileId: openai.id })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('not a GitHub Copilot profile'),
    });
    await expect(call('auth.copilot.start', { host: 'not a host' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
