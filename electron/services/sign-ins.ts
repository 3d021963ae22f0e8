// The sign-ins a profile's provider can be handed (providers/core/sign-in.ts): the ones this host
// keeps per profile (a ChatGPT sign-in's tokens, refreshed in the keychain), then the ones found
// on this machine (auth/sign-ins.ts). A sign-in the host keeps per profile adds its line here.
import type { HostContext } from '../host/context';
import { MACHINE_SIGN_INS } from '../auth/sign-ins';
import type { SignIns, TokenSource } from '../providers/core/sign-in';
import { CODEX_SIGN_IN } from '../providers/openai-codex';
import { codexLogins } from './codex-login';

export function profileSignIns(ctx: HostContext, profileId: string): SignIns {
  const kept = new Map<string, () => TokenSource>([[CODEX_SIGN_IN, () => ctx.use(codexLogins).authFor(profileId)]]);
  return { open: (id, request) => kept.get(id)?.() ?? MACHINE_SIGN_INS.open(id, request) };
}
