// What the Electron sign-in window shows: one sign-in, nothing else. It closes itself shortly
// after success (the Providers page in the main window shows the account by then).
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { CopilotLogin } from '../components/auth/CopilotLogin';
import { applyTheme } from './theme';

export function parseLoginRoute(hash: string): { kind: 'copilot'; loginId: string } | null {
  const match = /^#\/login\/(copilot)\/([\w-]{1,64})$/.exec(hash);
  return match ? { kind: match[1] as 'copilot', loginId: decodeURIComponent(match[2]!) } : null;
}

export function LoginWindow({ loginId: first }: { loginId: string }) {
  const [loginId, setLoginId] = useState(first);
  const profileId = useRef<string | undefined>(undefined);
  const finished = useRef(false);

  useEffect(() => {
    api.invoke('settings.get', {}).then(
      ({ settings }) => applyTheme(settings.theme),
      () => undefined,
    );
  }, []);

  useEffect(() => {
    void api.invoke('auth.copilot.status', { loginId }).then(
      (state) => (profileId.current = state.profileId),
      () => undefined,
    );
    // Closing the window mid-way stops the sign-in it shows.
    const stop = () => {
      if (!finished.current) void api.invoke('auth.copilot.cancel', { loginId });
    };
    window.addEventListener('pagehide', stop);
    return () => window.removeEventListener('pagehide', stop);
  }, [loginId]);

  return (
    <div className="login-window">
      <h1>Sign in to GitHub Copilot</h1>
      <CopilotLogin
        loginId={loginId}
        onRestart={() =>
          void api
            .invoke('auth.copilot.start', { profileId: profileId.current, presentation: 'inline' })
            .then(({ loginId: next }) => setLoginId(next))
        }
        onSuccess={() => {
          finished.current = true;
          window.close();
        }}
      />
    </div>
  );
}
