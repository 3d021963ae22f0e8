// The sign-in view and flow for each kind of sign-in the host names in a profile's view
// (ProfileView.signIn.kind). Pages look the flow up here by that kind, never by the provider, so a
// provider whose family declares a sign-in of a known kind gets its view without a page change.
import type { ReactNode } from 'react';
import type { ProfileView, SignInKind } from '../../../../shared/api/profiles';
import { useSignIn } from '../../store/signin';
import { CodexLogin } from './CodexLogin';
import { CopilotLogin } from './CopilotLogin';

/** A sign-in under way that the page shows in its dialog. */
export interface ShownSignIn {
  profileId: string;
  /** Stops the sign-in when its dialog is closed before it finished. */
  cancel(): void;
  render(handlers: { onRestart(): void; onSuccess(): void }): ReactNode;
}

export interface SignInFlow {
  /**
   * Starts a sign-in for the profile. It comes back as a sign-in to show in the page, or as null
   * when it runs in a window of its own ('window' asks for one; browser mode has none).
   */
  start(profileId: string, presentation: 'window' | 'inline'): Promise<ShownSignIn | null>;
  signOut(profileId: string): Promise<void>;
}

const FLOWS: Record<SignInKind, SignInFlow> = {
  // GitHub's device flow: a code to enter on GitHub, in the login window or the page's dialog.
  'device-code': {
    async start(profileId, presentation) {
      const started = await useSignIn.getState().startCopilot(profileId, presentation);
      if (started.presentation !== 'inline') return null;
      return {
        profileId,
        cancel: () =>
          void useSignIn
            .getState()
            .cancelCopilot(started.loginId)
            .catch(() => undefined),
        render: ({ onRestart, onSuccess }) => <CopilotLogin loginId={started.loginId} onRestart={onRestart} onSuccess={onSuccess} />,
      };
    },
    signOut: (profileId) => useSignIn.getState().signOut('copilot', profileId),
  },
  // ChatGPT's sign-in: the system browser, back to a local callback (or a pasted address).
  'browser-oauth': {
    async start(profileId) {
      const login = await useSignIn.getState().startCodex(profileId);
      return {
        profileId,
        cancel: () => {
          if (login.status !== 'success')
            void useSignIn
              .getState()
              .cancelCodex(login.loginId)
              .catch(() => undefined);
        },
        render: ({ onRestart, onSuccess }) => <CodexLogin initial={login} onRestart={onRestart} onSuccess={onSuccess} />,
      };
    },
    signOut: (profileId) => useSignIn.getState().signOut('codex', profileId),
  },
};

/** The flow that signs this profile in, or undefined for a profile that takes a key. */
export function signInFlow(profile: ProfileView): SignInFlow | undefined {
  return profile.signIn ? FLOWS[profile.signIn.kind] : undefined;
}
