// GitHub Copilot sign-ins: runs the device flow in the background, reports every state as an
// `auth.copilot.state` event, and on success stores the GitHub token in the keychain under the
// Copilot profile (creating one if needed) with the account name beside it in the config.
import { randomUUID } from 'node:crypto';
import type { CopilotLoginState } from '../../shared/api/auth';
import type { HostContext } from '../host/context';
import { runDeviceFlow, type DeviceFlowState } from '../auth/github/device-flow';
import { systemClock, type Clock } from '../clock';
import { githubEndpoints, normalizeGitHubHost } from '../providers/copilot/github-hosts';
import { AppError } from '../errors';
import { readJson, sendRequest } from '../http/client';
import { sharedCopilotTokens } from '../providers/copilot/copilot';
import {
  createProfile,
  deleteProfileKey,
  getProfile,
  listProfiles,
  providerOf,
  setProfileKey,
  uniqueName,
  updateProfile,
} from './profiles';

interface LoginSession {
  state: CopilotLoginState;
  controller: AbortController;
  profileId?: string;
}

/** How long a finished sign-in's state stays readable (a late window still sees the outcome). */
const FINISHED_TTL_MS = 10 * 60_000;

export class CopilotLogins {
  private readonly sessions = new Map<string, LoginSession>();
  /** Tests swap in a fake clock. */
  clock: Clock = systemClock;

  constructor(private readonly ctx: HostContext) {
    ctx.onDispose(() => {
      for (const session of this.sessions.values()) session.controller.abort();
    });
  }

  async start(input: { profileId?: string; host?: string }): Promise<string> {
    const profile = input.profileId ? await getProfile(this.ctx, input.profileId) : undefined;
    if (profile && providerOf(profile).entry.key !== 'copilot')
      throw new AppError('invalid_input', `"${profile.name}" is not a GitHub Copilot profile.`);
    let host: string;
    try {
      host = normalizeGitHubHost(input.host ?? String(profile?.options.githubHost ?? ''));
    } catch (error) {
      throw new AppError('invalid_input', (error as Error).message);
    }
    // One sign-in per profile at a time: a new start replaces an unfinished one.
    for (const [id, session] of this.sessions)
      if (session.profileId === input.profileId && !isFinished(session.state.status)) this.cancel(id);
    const loginId = randomUUID();
    const session: LoginSession = {
      state: { loginId, status: 'requesting', host, ...(input.profileId && { profileId: input.profileId }) },
      controller: new AbortController(),
      profileId: input.profileId,
    };
    this.sessions.set(loginId, session);
    void this.run(session, host);
    return loginId;
  }

  status(loginId: string): CopilotLoginState {
    return this.session(loginId).state;
  }

  cancel(loginId: string): void {
    const session = this.sessions.get(loginId);
    if (session && !isFinished(session.state.status)) session.controller.abort();
  }

  /** The GitHub hosts of the sign-ins this host knows (github.com or the Enterprise hosts chosen). */
  hosts(): string[] {
    return [...new Set([...this.sessions.values()].map((session) => session.state.host))];
  }

  /** The verification page of a running sign-in, already checked to be on its GitHub host. */
  verificationUrl(loginId: string): string {
    const url = this.session(loginId).state.verificationUri;
    if (!url) throw new AppError('invalid_state', 'GitHub has not given a code yet; wait a moment.');
    return url;
  }

  async signOut(profileId: string): Promise<void> {
    const profile = await getProfile(this.ctx, profileId);
    for (const { slot } of profile.keySlots) await deleteProfileKey(this.ctx, profileId, slot);
    const { githubAccount: _dropped, ...options } = profile.options;
    await updateProfile(this.ctx, profileId, { options });
    sharedCopilotTokens.clear();
    this.ctx.emit('profiles.changed', {});
  }

  private session(loginId: string): LoginSession {
    const session = this.sessions.get(loginId);
    if (!session) throw new AppError('not_found', 'That sign-in is no longer running; start it again.');
    return session;
  }

  private update(session: LoginSession, patch: Partial<CopilotLoginState>): void {
    session.state = { ...session.state, ...patch };
    this.ctx.emit('auth.copilot.state', session.state);
    if (isFinished(session.state.status)) setTimeout(() => this.sessions.delete(session.state.loginId), FINISHED_TTL_MS).unref();
  }

  private async run(session: LoginSession, host: string): Promise<void> {
    const endpoints = githubEndpoints(host, this.ctx.env);
    const onState = (state: DeviceFlowState) => {
      if (state.status === 'authorized') return this.update(session, { status: 'authorized', message: undefined });
      this.update(session, state);
    };
    let githubToken: string;
    try {
      githubToken = await runDeviceFlow({ endpoints, clock: this.clock, signal: session.controller.signal, env: this.ctx.env, onState });
    } catch {
      return; // the flow reported the outcome as a state already
    }
    try {
      const account = await fetchAccount(endpoints.api, githubToken, this.ctx.env);
      const profileId = await this.saveToken(session.profileId, host, account, githubToken);
      this.update(session, { status: 'success', account, profileId, message: undefined });
      this.ctx.emit('profiles.changed', {});
    } catch (error) {
      this.update(session, {
        status: 'error',
        message: `Signed in on GitHub, but the token could not be saved: ${(error as Error).message}`,
      });
    }
  }

  private async saveToken(profileId: string | undefined, host: string, account: string, githubToken: string): Promise<string> {
    const githubHost = host === 'github.com' ? undefined : host;
    let id = profileId;
    if (!id) {
      const name = uniqueName(await listProfiles(this.ctx), 'GitHub Copilot');
      id = (
        await createProfile(this.ctx, {
          name,
          providerKey: 'copilot',
          defaultModel: 'gpt-4o',
          options: { ...(githubHost && { githubHost }), githubAccount: account },
        })
      ).id;
    } else {
      const profile = await getProfile(this.ctx, id);
      await updateProfile(this.ctx, id, { options: { ...profile.options, githubAccount: account, ...(githubHost ? { githubHost } : {}) } });
    }
    await setProfileKey(this.ctx, id, 0, githubToken);
    sharedCopilotTokens.clear();
    return id;
  }
}

function isFinished(status: CopilotLoginState['status']): boolean {
  return ['success', 'expired', 'denied', 'error', 'cancelled'].includes(status);
}

/** The GitHub login of the token's owner, for "Signed in as …". */
async function fetchAccount(apiBase: string, githubToken: string, env: NodeJS.ProcessEnv): Promise<string> {
  const response = await sendRequest(
    { provider: 'GitHub', url: `${apiBase}/user`, headers: { authorization: `token ${githubToken}`, 'user-agent': 'Switchyard' } },
    env,
  );
  const user = await readJson<{ login?: string }>('GitHub', response);
  if (!user.login) throw new Error('GitHub did not say which account signed in.');
  return user.login;
}

export const copilotLogins = (ctx: HostContext) => new CopilotLogins(ctx);
