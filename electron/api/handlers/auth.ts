import type { authMethods } from '../../../shared/api/auth';
import { codexLogins } from '../../services/codex-login';
import { copilotLogins } from '../../services/copilot-login';
import type { DomainHandlers } from './types';

export const authHandlers: DomainHandlers<typeof authMethods> = {
  'auth.copilot.start': async (ctx, { presentation, ...input }) => {
    const loginId = await ctx.use(copilotLogins).start(input);
    const inWindow = presentation === 'window' && ctx.options.openLoginWindow !== undefined;
    if (inWindow) ctx.options.openLoginWindow!('copilot', loginId);
    return { loginId, presentation: inWindow ? 'window' : 'inline' };
  },
  'auth.copilot.status': (ctx, { loginId }) => ctx.use(copilotLogins).status(loginId),
  'auth.copilot.cancel': (ctx, { loginId }) => {
    ctx.use(copilotLogins).cancel(loginId);
    return { ok: true };
  },
  'auth.copilot.openVerificationPage': async (ctx, { loginId }) => {
    const url = ctx.use(copilotLogins).verificationUrl(loginId);
    // The Electron host's openInBrowser is navigation.ts's openExternalSafely (https, allow-list).
    const opened = ctx.options.openInBrowser ? await ctx.options.openInBrowser(url) : false;
    return { opened, url };
  },
  'auth.copilot.signOut': async (ctx, { profileId }) => {
    await ctx.use(copilotLogins).signOut(profileId);
    return { ok: true };
  },
  'auth.codex.start': (ctx, { profileId }) => ctx.use(codexLogins).start(profileId),
  'auth.codex.status': (ctx, { loginId }) => ctx.use(codexLogins).status(loginId),
  'auth.codex.pasteRedirect': (ctx, { loginId, input }) => ctx.use(codexLogins).pasteRedirect(loginId, input),
  'auth.codex.cancel': async (ctx, { loginId }) => {
    await ctx.use(codexLogins).cancel(loginId);
    return { ok: true };
  },
  'auth.codex.signOut': async (ctx, { profileId }) => {
    await ctx.use(codexLogins).signOut(profileId);
    return { ok: true };
  },
};
