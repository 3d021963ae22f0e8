// The Copilot sign-in: the code large, a copy button, the GitHub page, and a live status with the
// time left. The same view fills the Electron login window and the browser-mode dialog.
import { Check, Copy, ExternalLink, RotateCcw } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { CopilotLoginState } from '../../../../shared/api/auth';
import { errorMessage } from '../../errors';
import { useSignIn } from '../../store/signin';
import './auth.css';

interface Props {
  loginId: string;
  /** Starts a new sign-in in the same place (after expired, denied or an error). */
  onRestart(): void;
  /** Called once, a moment after success, so the user sees who signed in. */
  onSuccess(state: CopilotLoginState): void;
}

export const SUCCESS_CLOSE_DELAY_MS = 1500;

function useLoginState(loginId: string): [CopilotLoginState | null, string | null] {
  const [state, setState] = useState<CopilotLoginState | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setState(null);
    const off = useSignIn.getState().followCopilot(loginId, setState);
    // The window may open after the first states went out; read where the sign-in is now.
    useSignIn
      .getState()
      .copilotStatus(loginId)
      .then(
        (current) => setState((seen) => seen ?? current),
        (e: unknown) => setError(errorMessage(e)),
      );
    return off;
  }, [loginId]);
  return [state, error];
}

function useSecondsLeft(expiresAt: number | undefined): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!expiresAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  return expiresAt ? Math.max(0, Math.round((expiresAt - now) / 1000)) : null;
}

function formatLeft(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

function verificationLabel(uri: string | undefined): string {
  if (!uri) return 'Open GitHub';
  try {
    const url = new URL(uri);
    return `Open ${url.host}${url.pathname}`;
  } catch {
    return 'Open GitHub';
  }
}

export function CopilotLogin({ loginId, onRestart, onSuccess }: Props) {
  const [state, loadError] = useLoginState(loginId);
  const secondsLeft = useSecondsLeft(state?.status === 'waiting' || state?.status === 'slow_down' ? state.expiresAt : undefined);
  const [copied, setCopied] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  useEffect(() => {
    if (state?.status !== 'success') return;
    const timer = setTimeout(() => onSuccess(state), SUCCESS_CLOSE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [state, onSuccess]);

  const copy = async () => {
    if (!state?.userCode) return;
    try {
      await navigator.clipboard.writeText(state.userCode);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setActionError('Could not copy; select the code and copy it by hand.');
    }
  };

  const openGitHub = async () => {
    try {
      const { opened, url } = await useSignIn.getState().openVerificationPage(loginId);
      // Browser mode cannot open the system browser from the host; the page opens a tab itself.
      if (!opened) window.open(url, '_blank', 'noopener,noreferrer');
    } catch (e) {
      setActionError(errorMessage(e));
    }
  };

  if (loadError)
    return (
      <div className="callout callout--error" role="alert">
        {loadError}
      </div>
    );
  if (!state) return <p className="muted login__status">Starting the sign-in…</p>;

  const showCode = state.userCode && ['waiting', 'slow_down', 'authorized'].includes(state.status);
  return (
    <div className="login" data-testid="copilot-login" data-status={state.status}>
      {showCode ? (
        <>
          <p className="login__lead">Enter this code on GitHub{state.host !== 'github.com' ? ` (${state.host})` : ''}:</p>
          <div className="login__code-row">
            <output className="login__code" aria-label="Your one-time code" data-testid="user-code">
              {state.userCode}
            </output>
            <button type="button" className="button" onClick={() => void copy()} aria-label="Copy the code">
              {copied ? <Check size={16} /> : <Copy size={16} />} {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
          <button type="button" className="button button--primary login__open" onClick={() => void openGitHub()}>
            <ExternalLink size={16} /> {verificationLabel(state.verificationUri)}
          </button>
        </>
      ) : null}
      <LoginStatus state={state} secondsLeft={secondsLeft} onRestart={onRestart} />
      {actionError && (
        <p className="field__error" role="alert">
          {actionError}
        </p>
      )}
    </div>
  );
}

function LoginStatus({ state, secondsLeft, onRestart }: { state: CopilotLoginState; secondsLeft: number | null; onRestart(): void }) {
  const restart = (
    <button type="button" className="button" onClick={onRestart} autoFocus>
      <RotateCcw size={16} /> Start again
    </button>
  );
  switch (state.status) {
    case 'requesting':
      return (
        <p className="login__status muted" role="status" data-testid="login-status">
          Asking GitHub for a code…
        </p>
      );
    case 'waiting':
      return (
        <p className="login__status" role="status" data-testid="login-status">
          <span className="status-dot status-dot--warn status-dot--pulse" aria-hidden="true" /> Waiting for you to enter the code
          {secondsLeft !== null && <> · {formatLeft(secondsLeft)} left</>}
        </p>
      );
    case 'slow_down':
      return (
        <p className="login__status" role="status" data-testid="login-status">
          <span className="status-dot status-dot--warn" aria-hidden="true" /> GitHub asked us to check less often; still waiting
          {secondsLeft !== null && <> · {formatLeft(secondsLeft)} left</>}
        </p>
      );
    case 'authorized':
      return (
        <p className="login__status" role="status" data-testid="login-status">
          Code accepted; finishing the sign-in…
        </p>
      );
    case 'success':
      return (
        <p className="login__status login__status--ok" role="status" data-testid="login-status">
          <Check size={18} /> Signed in as <strong>{state.account}</strong>
        </p>
      );
    case 'cancelled':
      return (
        <div className="login__final" role="status" data-testid="login-status">
          <p>The sign-in was stopped.</p>
          {restart}
        </div>
      );
    default:
      return (
        <div className="login__final">
          <p className="callout callout--error" role="alert">
            {state.message}
          </p>
          {restart}
        </div>
      );
  }
}
