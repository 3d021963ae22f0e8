// The device flow against a loopback GitHub fake, with an injected clock: every state the login
// window shows (waiting, slow down, expired, denied, success) and the polling rules behind them.
import { afterEach, describe, expect, it } from 'vitest';
import { COPILOT_CLIENT_ID, DeviceFlowError, runDeviceFlow, type DeviceFlowState } from '../../../electron/auth/github/device-flow';
import { githubEndpoints, normalizeGitHubHost } from '../../../electron/providers/copilot/github-hosts';
import { fakeClock } from '../../fakes/clock';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../../fakes/github';

let github: FakeGitHub | undefined;
afterEach(async () => {
  await github?.close();
  github = undefined;
});

async function login(options: FakeGitHubOptions, signal?: AbortSignal) {
  github = await startFakeGitHub(options);
  const clock = fakeClock();
  const states: DeviceFlowState[] = [];
  const started = clock.now();
  const result = runDeviceFlow({ endpoints: { web: github.url, api: github.url }, clock, signal, onState: (s) => states.push(s) });
  return { result, states, clock, started };
}

describe('GitHub device flow', () => {
  it('asks for a code with the Copilot client id and scope, then polls with the device code', async () => {
    const { result, states } = await login({ polls: ['authorization_pending', 'token'] });
    await expect(result).resolves.toBe('gho_fakeGitHubToken0123456789');
    const [codeRequest, firstPoll] = github!.server.requests;
    expect(codeRequest!.path).toBe('/login/device/code');
    expect(codeRequest!.headers.accept).toBe('application/json');
    expect(codeRequest!.body).toEqual({ client_id: COPILOT_CLIENT_ID, scope: 'read:user' });
    expect(firstPoll!.body).toEqual({
      client_id: COPILOT_CLIENT_ID,
      device_code: 'device-code-123',
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    });
    expect(states.map((s) => s.status)).toEqual(['requesting', 'waiting', 'waiting', 'authorized']);
    const waiting = states[1] as Extract<DeviceFlowState, { status: 'waiting' }>;
    expect(waiting.userCode).toBe('WDJB-MJHT');
    expect(waiting.verificationUri).toBe(`${github!.url}/login/device`);
  });

  it('waits a whole interval before every poll, never less than 5 s', async () => {
    const { result, clock } = await login({ interval: 1, polls: ['authorization_pending', 'authorization_pending', 'token'] });
    await result;
    expect(clock.sleeps).toEqual([5000, 5000, 5000]);
  });

  it('honours a longer interval from GitHub', async () => {
    const { result, clock } = await login({ interval: 8, polls: ['token'] });
    await result;
    expect(clock.sleeps).toEqual([8000]);
  });

  it('slows down by the interval GitHub gives (or 5 s more) and reports it', async () => {
    const { result, clock, states } = await login({ interval: 5, polls: ['slow_down', 'slow_down', 'authorization_pending', 'token'] });
    await result;
    expect(clock.sleeps).toEqual([5000, 10000, 15000, 15000]);
    expect(states.map((s) => s.status)).toEqual(['requesting', 'waiting', 'slow_down', 'slow_down', 'waiting', 'authorized']);
    expect((states[3] as { intervalMs: number }).intervalMs).toBe(15000);
  });

  it('reports the time left as an absolute deadline from expires_in', async () => {
    const { result, states, started } = await login({ expiresIn: 600, polls: ['token'] });
    await result;
    expect((states[1] as { expiresAt: number }).expiresAt).toBe(started + 600_000);
  });

  it('stops with "expired" when GitHub says expired_token', async () => {
    const { result, states } = await login({ polls: ['authorization_pending', 'expired_token'] });
    await expect(result).rejects.toMatchObject({ status: 'expired', message: expect.stringMatching(/expired.*Start again/) });
    expect(states.at(-1)).toMatchObject({ status: 'expired' });
  });

  it('stops with "expired" when the deadline passes while still pending, without polling after it', async () => {
    const { result, states, clock } = await login({ expiresIn: 12, interval: 5, polls: ['authorization_pending'] });
    await expect(result).rejects.toBeInstanceOf(DeviceFlowError);
    expect(states.at(-1)).toMatchObject({ status: 'expired' });
    expect(github!.pollCount()).toBe(2);
    expect(clock.sleeps).toEqual([5000, 5000, 2000]);
  });

  it('stops with "denied" when the user cancels on GitHub', async () => {
    const { result, states } = await login({ polls: ['access_denied'] });
    await expect(result).rejects.toMatchObject({ status: 'denied' });
    expect(states.at(-1)).toMatchObject({ status: 'denied', message: expect.stringContaining('denied on GitHub') });
  });

  it('stops with a readable error for any other OAuth error', async () => {
    const { result, states } = await login({ polls: ['unsupported_grant_type'] });
    await expect(result).rejects.toMatchObject({ status: 'error', message: expect.stringContaining('unsupported_grant_type') });
    expect(states.at(-1)).toMatchObject({ status: 'error' });
  });

  it('stops with an error when a poll answer is not JSON', async () => {
    const { result } = await login({ polls: ['not-json'] });
    await expect(result).rejects.toMatchObject({ status: 'error', message: expect.stringMatching(/sign-in stopped/) });
  });

  it('can be cancelled while waiting', async () => {
    github = await startFakeGitHub({ polls: ['authorization_pending'] });
    const controller = new AbortController();
    const states: DeviceFlowState[] = [];
    const clock = fakeClock();
    const sleep = clock.sleep;
    clock.sleep = async (ms, signal) => {
      if (clock.sleeps.length === 2) controller.abort();
      return sleep(ms, signal);
    };
    await expect(
      runDeviceFlow({ endpoints: { web: github.url, api: github.url }, clock, signal: controller.signal, onState: (s) => states.push(s) }),
    ).rejects.toMatchObject({ status: 'cancelled' });
    expect(states.at(-1)).toEqual({ status: 'cancelled' });
  });

  it('refuses a verification address on another host', async () => {
    github = await startFakeGitHub();
    github.server.route('POST', '/login/device/code', {
      body: {
        device_code: 'd',
        user_code: 'AAAA-BBBB',
        verification_uri: 'https://evil.example/login/device',
        interval: 5,
        expires_in: 900,
      },
    });
    const states: DeviceFlowState[] = [];
    await expect(
      runDeviceFlow({ endpoints: { web: github.url, api: github.url }, clock: fakeClock(), onState: (s) => states.push(s) }),
    ).rejects.toMatchObject({ message: expect.stringContaining('another host') });
    expect(states.some((s) => s.status === 'waiting')).toBe(false);
  });

  it('reports a dead GitHub host as an error state', async () => {
    const states: DeviceFlowState[] = [];
    await expect(
      runDeviceFlow({
        endpoints: { web: 'http://127.0.0.1:9', api: 'http://127.0.0.1:9' },
        clock: fakeClock(),
        onState: (s) => states.push(s),
      }),
    ).rejects.toMatchObject({ status: 'error', message: expect.stringContaining('refused the connection') });
  });
});

describe('GitHub hosts', () => {
  it('maps github.com, GHE.com and Enterprise Server hosts to their web and API bases', () => {
    expect(githubEndpoints('github.com', {})).toEqual({ web: 'https://github.com', api: 'https://api.github.com' });
    expect(githubEndpoints('octo.ghe.com', {})).toEqual({ web: 'https://octo.ghe.com', api: 'https://api.octo.ghe.com' });
    expect(githubEndpoints('https://GitHub.Example.com/', {})).toEqual({
      web: 'https://github.example.com',
      api: 'https://github.example.com/api/v3',
    });
  });

  it('rejects something that is not a host name', () => {
    expect(() => normalizeGitHubHost('not a host')).toThrow(/not a GitHub host name/);
    expect(() => normalizeGitHubHost('github.com/login?x=1')).toThrow(/not a GitHub host name/);
    expect(normalizeGitHubHost('')).toBe('github.com');
  });
});
