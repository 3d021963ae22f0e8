// GitHub's OAuth device flow as GitHub Copilot's editor plugins use it (seed-auth-cli.md §1.4;
// docs.github.com "Authorizing OAuth apps" → device flow). The clock is injected so that every
// state (pending, slow_down, expired, denied) can be tested without waiting.
import { systemClock, type Clock } from '../../clock';
import { readJson, sendRequest } from '../../http/client';
import type { GitHubEndpoints } from '../../providers/copilot/github-hosts';

/** The VS Code Copilot app's client id, as the seed and every Copilot integration use. */
export const COPILOT_CLIENT_ID = 'Iv1.b507a08c87ecfe98';
export const COPILOT_SCOPE = 'read:user';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const DEFAULT_INTERVAL_S = 5;
const DEFAULT_EXPIRES_S = 900;
const SLOW_DOWN_STEP_S = 5;

export type DeviceFlowState =
  | { status: 'requesting' }
  | { status: 'waiting'; userCode: string; verificationUri: string; expiresAt: number; intervalMs: number }
  | { status: 'slow_down'; userCode: string; verificationUri: string; expiresAt: number; intervalMs: number }
  | { status: 'expired'; message: string }
  | { status: 'denied'; message: string }
  | { status: 'error'; message: string }
  | { status: 'cancelled' }
  | { status: 'authorized' };

export interface DeviceFlowOptions {
  endpoints: GitHubEndpoints;
  clientId?: string;
  scope?: string;
  clock?: Clock;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  onState(state: DeviceFlowState): void;
}

interface DeviceCodeResponse {
  device_code?: string;
  user_code?: string;
  verification_uri?: string;
  interval?: number;
  expires_in?: number;
}

interface TokenPollResponse {
  access_token?: string;
  error?: string;
  error_description?: string;
  interval?: number;
}

export class DeviceFlowError extends Error {
  constructor(
    readonly status: 'expired' | 'denied' | 'error' | 'cancelled',
    message: string,
  ) {
    super(message);
    this.name = 'DeviceFlowError';
  }
}

async function postJson<T>(url: string, body: object, options: DeviceFlowOptions): Promise<T> {
  const response = await sendRequest({ provider: 'GitHub', url, method: 'POST', body, signal: options.signal }, options.env);
  return readJson<T>('GitHub', response);
}

/**
 * Runs the device flow to the end and resolves with the GitHub access token. States go to
 * `onState` as they happen; the returned promise rejects with a DeviceFlowError for expired,
 * denied, cancelled or broken logins (the same outcome is also reported as a state).
 */
export async function runDeviceFlow(options: DeviceFlowOptions): Promise<string> {
  const clock = options.clock ?? systemClock;
  const clientId = options.clientId ?? COPILOT_CLIENT_ID;
  const fail = (status: 'expired' | 'denied' | 'error', message: string): never => {
    options.onState({ status, message });
    throw new DeviceFlowError(status, message);
  };
  try {
    options.onState({ status: 'requesting' });
    const code = await postJson<DeviceCodeResponse>(
      `${options.endpoints.web}/login/device/code`,
      { client_id: clientId, scope: options.scope ?? COPILOT_SCOPE },
      options,
    );
    if (!code.device_code || !code.user_code || !code.verification_uri) {
      return fail('error', 'GitHub did not start the sign-in (its answer had no device code). Check the GitHub host and try again.');
    }
    checkVerificationUri(code.verification_uri, options.endpoints.web);
    let intervalMs = Math.max(code.interval ?? DEFAULT_INTERVAL_S, DEFAULT_INTERVAL_S) * 1000;
    const expiresAt = clock.now() + Math.max(code.expires_in ?? DEFAULT_EXPIRES_S, 1) * 1000;
    const shown = { userCode: code.user_code, verificationUri: code.verification_uri, expiresAt };
    options.onState({ status: 'waiting', ...shown, intervalMs });

    while (clock.now() < expiresAt) {
      // GitHub wants the client to wait a whole interval before the first poll as well.
      await clock.sleep(Math.min(intervalMs, Math.max(expiresAt - clock.now(), 0)), options.signal);
      if (clock.now() >= expiresAt) break;
      const poll = await postJson<TokenPollResponse>(
        `${options.endpoints.web}/login/oauth/access_token`,
        { client_id: clientId, device_code: code.device_code, grant_type: DEVICE_GRANT },
        options,
      );
      if (poll.access_token) {
        options.onState({ status: 'authorized' });
        return poll.access_token;
      }
      switch (poll.error) {
        case undefined:
        case 'authorization_pending':
          options.onState({ status: 'waiting', ...shown, intervalMs });
          break;
        case 'slow_down':
          // GitHub may say the new interval; otherwise add five seconds, as its docs ask.
          intervalMs = poll.interval
            ? Math.max(poll.interval * 1000, intervalMs + SLOW_DOWN_STEP_S * 1000)
            : intervalMs + SLOW_DOWN_STEP_S * 1000;
          options.onState({ status: 'slow_down', ...shown, intervalMs });
          break;
        case 'expired_token':
          return fail('expired', 'The code expired before it was entered. Start again to get a new code.');
        case 'access_denied':
          return fail('denied', 'Access was denied on GitHub. Start again if that was a mistake.');
        default:
          return fail('error', `GitHub refused the sign-in: ${poll.error}${poll.error_description ? ` (${poll.error_description})` : ''}.`);
      }
    }
    return fail('expired', 'The code expired before it was entered. Start again to get a new code.');
  } catch (error) {
    if (error instanceof DeviceFlowError) throw error;
    if (options.signal?.aborted) {
      options.onState({ status: 'cancelled' });
      throw new DeviceFlowError('cancelled', 'The sign-in was cancelled.');
    }
    return fail('error', `The sign-in stopped: ${(error as Error).message}`);
  }
}

/** The page the user is sent to must be on the GitHub host being signed in to. */
function checkVerificationUri(uri: string, web: string): void {
  let target: URL;
  try {
    target = new URL(uri);
  } catch {
    throw new DeviceFlowError('error', 'GitHub sent a verification address that is not a URL.');
  }
  const expected = new URL(web);
  const loopback = expected.hostname === '127.0.0.1' || expected.hostname === 'localhost';
  const sameHost = target.host === expected.host && (target.protocol === 'https:' || loopback);
  if (!sameHost)
    throw new DeviceFlowError('error', `GitHub sent a verification address on another host (${target.host}); refusing to open it.`);
}
