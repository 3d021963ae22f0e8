// Signing a profile in to GitHub Copilot (device code) or OpenAI Codex (browser and callback), as the
// Providers page and the sign-in views drive it. The host keeps the sign-in's state; a view follows
// it through the state events of its own login.
import { create } from 'zustand';
import type { MethodResult } from '../../../shared/api';
import type { CodexLoginState, CopilotLoginState } from '../../../shared/api/auth';
import { api } from '../api/client';

interface SignInActions {
  startCopilot(profileId: string, presentation: 'window' | 'inline'): Promise<MethodResult<'auth.copilot.start'>>;
  copilotStatus(loginId: string): Promise<CopilotLoginState>;
  /** Follows one Copilot sign-in's states; returns the way to stop. */
  followCopilot(loginId: string, listener: (state: CopilotLoginState) => void): () => void;
  /** `opened: false` where the host cannot open the system browser (browser mode). */
  openVerificationPage(loginId: string): Promise<MethodResult<'auth.copilot.openVerificationPage'>>;
  cancelCopilot(loginId: string): Promise<void>;
  startCodex(profileId: string): Promise<CodexLoginState>;
  followCodex(loginId: string, listener: (state: CodexLoginState) => void): () => void;
  /** Finishes a Codex sign-in from the address the browser ended on. */
  pasteCodexRedirect(loginId: string, input: string): Promise<CodexLoginState>;
  cancelCodex(loginId: string): Promise<void>;
  signOut(kind: 'copilot' | 'codex', profileId: string): Promise<void>;
}

export const useSignIn = create<SignInActions>(() => ({
  startCopilot: (profileId, presentation) => api.invoke('auth.copilot.start', { profileId, presentation }),
  copilotStatus: (loginId) => api.invoke('auth.copilot.status', { loginId }),
  followCopilot: (loginId, listener) => api.on('auth.copilot.state', (state) => state.loginId === loginId && listener(state)),
  openVerificationPage: (loginId) => api.invoke('auth.copilot.openVerificationPage', { loginId }),
  async cancelCopilot(loginId) {
    await api.invoke('auth.copilot.cancel', { loginId });
  },
  startCodex: (profileId) => api.invoke('auth.codex.start', { profileId }),
  followCodex: (loginId, listener) => api.on('auth.codex.state', (state) => state.loginId === loginId && listener(state)),
  pasteCodexRedirect: (loginId, input) => api.invoke('auth.codex.pasteRedirect', { loginId, input }),
  async cancelCodex(loginId) {
    await api.invoke('auth.codex.cancel', { loginId });
  },
  async signOut(kind, profileId) {
    await api.invoke(kind === 'copilot' ? 'auth.copilot.signOut' : 'auth.codex.signOut', { profileId });
  },
}));
