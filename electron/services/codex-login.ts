// OpenAI Codex sign-ins (ChatGPT account, PKCE in the browser): the tokens live in the keychain under
// the Codex profile, one CodexAuth per profile keeps them fresh for every request, and the sign-in's
// states go to the renderer as `auth.codex.state` events. The renderer sees the authorize URL and
// the account, never a token.
import { randomUUID } from 'node:crypto';
import type { CodexLoginState } from '../../shared/api/auth';
import type { HostContext } from '../host/context';
import { CODEX_CALLBACK_PORT, CodexAuth, jwtClaims, type CodexLogin, type CodexTokens, type CodexTokenStore } from '../auth/codex/oauth';
import { AppError } from '../errors';
import { keyAccount } from '../secrets/keychain';
import {
  createProfile,
  deleteProfileKey,
  getProfile,
  listProfiles,
  profileSecrets,
  providerOf,
  setProfileKey,
  uniqueName,
  updateProfile,
} from './profiles';

const TOKENS_SLOT = 0;
const TOKENS_LABEL = 'ChatGPT sign-in';
const FINISHED_TTL_MS = 10 * 60_000;

/** The profile's tokens as one JSON entry in the keychain (slot 0). */
function keychainTokenStore(ctx: HostContext, profileId: string): CodexTokenStore {
  return {
    async load() {
      const raw = await (await profileSecrets(ctx)).get(keyAccount(profileId, TOKENS_SLOT));
      if (!raw) return null;
      try {
        return JSON.parse(raw) as CodexTokens;
      } catch {
        return null;
      }
    },
    async save(tokens) {
      await setProfileKey(ctx, profileId, TOKENS_SLOT, JSON.stringify(tokens), TOKENS_LABEL);
    },
    async clear() {
      await deleteProfileKey(ctx, profileId, TOKENS_SLOT);
    },
  };
}

interface LoginSession {
  state: CodexLoginState;
  login: CodexLogin;
  profileId: string;
}

export class CodexLogins {
  private readonly auths = new Map<string, CodexAuth>();
  private readonly sessions = new Map<string, LoginSession>();

  constructor(private readonly ctx: HostContext) {
    ctx.onDispose(async () => {
      for (const session of this.sessions.values()) await session.login.cancel();
    });
  }

  /** One token keeper per profile, so that concurrent requests share one refresh. */
  authFor(profileId: string): CodexAuth {
    let auth = this.auths.get(profileId);
    if (!auth) {
      auth = new CodexAuth({
        store: keychainTokenStore(this.ctx, profileId),
        issuer: this.ctx.env.SWITCHYARD_CODEX_ISSUER || undefined,
        env: this.ctx.env,
      });
      this.auths.set(profileId, auth);
    }
    return auth;
  }

  async start(profileId?: string): Promise<CodexLoginState> {
    const id = profileId ?? (await this.newProfile());
    const profile = await getProfile(this.ctx, id);
    if (providerOf(profile).entry.key !== 'openai-codex')
      throw new AppError('invalid_input', `"${profile.name}" is not an OpenAI Codex profile.`);
    for (const [loginId, session] of this.sessions)
      if (session.profileId === id && session.state.status === 'waiting') await this.cancel(loginId);
    // Tests move the callback off 1455 so that they can run beside a real Codex CLI.
    const port = Number(this.ctx.env.SWITCHYARD_CODEX_CALLBACK_PORT) || CODEX_CALLBACK_PORT;
    const login = await this.authFor(id).beginLogin({ port });
    const loginId = randomUUID();
    const session: LoginSession = {
      login,
      profileId: id,
      state: {
        loginId,
        status: 'waiting',
        authorizeUrl: login.authorizeUrl,
        profileId: id,
        ...(login.callbackError && { message: login.callbackError.message }),
      },
    };
    this.sessions.set(loginId, session);
    login.done().then(
      (tokens) => void this.succeed(session, tokens),
      (error: unknown) =>
        this.update(session, {
          status: (error as { reason?: string }).reason === 'cancelled' ? 'cancelled' : 'error',
          message: (error as Error).message,
        }),
    );
    // The Electron host's openInBrowser is navigation.ts's openExternalSafely (https, allow-list).
    if (this.ctx.options.openInBrowser) void this.ctx.options.openInBrowser(login.authorizeUrl);
    return session.state;
  }

  status(loginId: string): CodexLoginState {
    return this.session(loginId).state;
  }

  async pasteRedirect(loginId: string, input: string): Promise<CodexLoginState> {
    const session = this.session(loginId);
    if (session.state.status !== 'waiting' && session.state.status !== 'error') return session.state;
    this.update(session, { status: 'exchanging', message: undefined });
    try {
      await this.succeed(session, await session.login.submitRedirect(input));
    } catch (error) {
      this.update(session, { status: 'error', message: (error as Error).message });
    }
    return session.state;
  }

  async cancel(loginId: string): Promise<void> {
    const session = this.sessions.get(loginId);
    if (session && session.state.status !== 'success') await session.login.cancel();
  }

  async signOut(profileId: string): Promise<void> {
    const profile = await getProfile(this.ctx, profileId);
    await this.authFor(profileId).signOut();
    const { codexAccount: _dropped, ...options } = profile.options;
    await updateProfile(this.ctx, profileId, { options });
    this.ctx.emit('profiles.changed', {});
  }

  private async succeed(session: LoginSession, tokens: CodexTokens): Promise<void> {
    if (session.state.status === 'success') return;
    const account = accountName(tokens);
    const profile = await getProfile(this.ctx, session.profileId);
    await updateProfile(this.ctx, session.profileId, { options: { ...profile.options, codexAccount: account } });
    this.update(session, { status: 'success', account, message: undefined });
    this.ctx.emit('profiles.changed', {});
  }

  private async newProfile(): Promise<string> {
    const name = uniqueName(await listProfiles(this.ctx), 'OpenAI Codex');
    return (await createProfile(this.ctx, { name, providerKey: 'openai-codex', defaultModel: 'gpt-5-codex' })).id;
  }

  private session(loginId: string): LoginSession {
    const session = this.sessions.get(loginId);
    if (!session) throw new AppError('not_found', 'That sign-in is no longer running; start it again.');
    return session;
  }

  private update(session: LoginSession, patch: Partial<CodexLoginState>): void {
    session.state = { ...session.state, ...patch };
    this.ctx.emit('auth.codex.state', session.state);
    if (['success', 'cancelled'].includes(session.state.status))
      setTimeout(() => this.sessions.delete(session.state.loginId), FINISHED_TTL_MS).unref();
  }
}

/** The e-mail in the ID token when there is one (what ChatGPT shows), else the account id. */
export function accountName(tokens: CodexTokens): string {
  const email = tokens.idToken ? jwtClaims(tokens.idToken)?.email : undefined;
  return typeof email === 'string' && email ? email : (tokens.accountId ?? 'ChatGPT account');
}

export const codexLogins = (ctx: HostContext) => new CodexLogins(ctx);
