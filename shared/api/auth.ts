// Sign-ins that are not an API key: GitHub Copilot's device flow (and, with the same shape, the
// OpenAI Codex browser sign-in). The renderer sees codes, states and account names, never a token.
import { z } from 'zod';
import { event, method, Ok } from '../contract';

export const CopilotLoginStatus = z.enum([
  'requesting',
  'waiting',
  'slow_down',
  'authorized',
  'success',
  'expired',
  'denied',
  'error',
  'cancelled',
]);
export type CopilotLoginStatus = z.infer<typeof CopilotLoginStatus>;

export const CopilotLoginState = z.object({
  loginId: z.string(),
  status: CopilotLoginStatus,
  /** The GitHub host signed in to (github.com or an Enterprise host). */
  host: z.string(),
  userCode: z.string().optional(),
  verificationUri: z.string().optional(),
  /** When the code stops working, ms since the epoch. */
  expiresAt: z.number().optional(),
  intervalMs: z.number().optional(),
  message: z.string().optional(),
  /** After success: the GitHub account and the profile that now holds its token. */
  account: z.string().optional(),
  profileId: z.string().optional(),
});
export type CopilotLoginState = z.infer<typeof CopilotLoginState>;

const LoginId = z.object({ loginId: z.string().min(1) }).strict();

export const CodexLoginState = z.object({
  loginId: z.string(),
  status: z.enum(['waiting', 'exchanging', 'success', 'error', 'cancelled']),
  /** The page to open in the browser (also shown, so it can be copied). */
  authorizeUrl: z.string().optional(),
  message: z.string().optional(),
  account: z.string().optional(),
  profileId: z.string().optional(),
});
export type CodexLoginState = z.infer<typeof CodexLoginState>;

export const authMethods = {
  'auth.copilot.start': method({
    summary:
      'Starts a GitHub device-flow sign-in for Copilot; under Electron it opens the login window, in browser mode the page shows it.',
    input: z
      .object({
        /** The Copilot profile to sign in; a new one is created when absent. */
        profileId: z.string().optional(),
        /** github.com (default) or a GitHub Enterprise host. */
        host: z.string().max(253).optional(),
        /** 'inline' when the page shows the sign-in itself (a restart inside the login window). */
        presentation: z.enum(['window', 'inline']).default('window'),
      })
      .strict(),
    result: z.object({ loginId: z.string(), presentation: z.enum(['window', 'inline']) }),
  }),
  'auth.copilot.status': method({
    summary: 'The current state of a sign-in (for a window that opens after it started).',
    input: LoginId,
    result: CopilotLoginState,
  }),
  'auth.copilot.cancel': method({ summary: 'Stops a sign-in that has not finished.', input: LoginId, result: Ok }),
  'auth.copilot.openVerificationPage': method({
    summary:
      "Opens the sign-in's GitHub verification page in the system browser; `opened: false` when this host cannot (browser mode opens it itself).",
    input: LoginId,
    result: z.object({ opened: z.boolean(), url: z.string() }),
  }),
  'auth.copilot.signOut': method({
    summary: "Removes the profile's GitHub token from the keychain and forgets its Copilot tokens.",
    input: z.object({ profileId: z.string().min(1) }).strict(),
    result: Ok,
  }),
  'auth.codex.start': method({
    summary: 'Starts the OpenAI Codex (ChatGPT) browser sign-in: a local callback on 127.0.0.1:1455 and the authorize page.',
    input: z.object({ profileId: z.string().optional() }).strict(),
    result: CodexLoginState,
  }),
  'auth.codex.status': method({ summary: 'The current state of a Codex sign-in.', input: LoginId, result: CodexLoginState }),
  'auth.codex.pasteRedirect': method({
    summary:
      'Finishes a Codex sign-in from the redirect URL the user copied out of the browser (when the local callback cannot be reached).',
    input: z.object({ loginId: z.string().min(1), input: z.string().min(1).max(8192) }).strict(),
    result: CodexLoginState,
  }),
  'auth.codex.cancel': method({ summary: 'Stops a Codex sign-in and closes its callback server.', input: LoginId, result: Ok }),
  'auth.codex.signOut': method({
    summary: "Removes the profile's Codex tokens from the keychain.",
    input: z.object({ profileId: z.string().min(1) }).strict(),
    result: Ok,
  }),
};

export const authEvents = {
  'auth.copilot.state': event({
    summary: 'A Copilot sign-in changed state (code shown, slow down, expired, denied, success).',
    payload: CopilotLoginState,
  }),
  'auth.codex.state': event({ summary: 'A Codex sign-in changed state.', payload: CodexLoginState }),
};
