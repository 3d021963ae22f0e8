// The OpenAI Codex sign-in: the ChatGPT sign-in page opens in the browser and comes back to the app
// on 127.0.0.1:1455; when it cannot (port taken, another machine's browser), the user pastes the
// address the browser ended on.
import { Check, ExternalLink } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { CodexLoginState } from '../../../../shared/api/auth';
import { errorMessage } from '../../errors';
import { useSignIn } from '../../store/signin';
import { SUCCESS_CLOSE_DELAY_MS } from './CopilotLogin';
import './auth.css';

interface Props {
  initial: CodexLoginState;
  onSuccess(state: CodexLoginState): void;
  onRestart(): void;
}

export function CodexLogin({ initial, onSuccess, onRestart }: Props) {
  const [state, setState] = useState(initial);
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setState(initial);
    return useSignIn.getState().followCodex(initial.loginId, setState);
  }, [initial]);

  useEffect(() => {
    if (state.status !== 'success') return;
    const timer = setTimeout(() => onSuccess(state), SUCCESS_CLOSE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [state, onSuccess]);

  const finish = async () => {
    setBusy(true);
    try {
      setState(await useSignIn.getState().pasteCodexRedirect(state.loginId, pasted.trim()));
    } catch (e) {
      setState({ ...state, status: 'error', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  if (state.status === 'success') {
    return (
      <p className="login__status login__status--ok" role="status" data-testid="login-status">
        <Check size={18} /> Signed in as <strong>{state.account}</strong>
      </p>
    );
  }
  return (
    <div className="login" data-testid="codex-login" data-status={state.status}>
      <p className="login__lead">
        Sign in with your ChatGPT account in the browser. When it is done, the browser comes back here by itself.
      </p>
      <button
        type="button"
        className="button button--primary login__open"
        onClick={() => window.open(state.authorizeUrl, '_blank', 'noopener,noreferrer')}
      >
        <ExternalLink size={16} /> Open the ChatGPT sign-in page
      </button>
      {state.status === 'waiting' && !state.message && (
        <p className="login__status" role="status" data-testid="login-status">
          <span className="status-dot status-dot--warn status-dot--pulse" aria-hidden="true" /> Waiting for the browser…
        </p>
      )}
      {state.status === 'exchanging' && (
        <p className="login__status" role="status" data-testid="login-status">
          Finishing the sign-in…
        </p>
      )}
      {state.message && state.status !== 'cancelled' && (
        <p
          className={state.status === 'error' ? 'callout callout--error' : 'callout callout--warning'}
          role={state.status === 'error' ? 'alert' : 'status'}
        >
          {state.message}
        </p>
      )}
      {state.status === 'cancelled' ? (
        <button type="button" className="button" onClick={onRestart}>
          Start again
        </button>
      ) : (
        <label className="field">
          <span className="field__label">
            {state.message ? 'Address the browser ended on' : 'Browser showed an error page instead? Paste its address'}
          </span>
          <span className="login__paste">
            <input
              className="input"
              value={pasted}
              placeholder="http://localhost:1455/auth/callback?code=…"
              onChange={(e) => setPasted(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && pasted.trim() && void finish()}
              data-testid="codex-paste"
            />
            <button type="button" className="button" disabled={!pasted.trim() || busy} onClick={() => void finish()}>
              Finish sign-in
            </button>
          </span>
          <span className="field__hint">The address holds a one-time code for this sign-in only.</span>
        </label>
      )}
    </div>
  );
}
