// Why the last test of a profile failed, in the row itself (not in a tooltip on a dot), with
// "Fix key" when the provider rejected the key.
import { KeyRound } from 'lucide-react';
import type { ConnectionResult } from '../../../../shared/api/connection';
import type { ProfileView } from '../../../../shared/api/profiles';
import { formatAge } from '../../format';

/** The key was refused: the auth stage failed as such, or (after a reload) the saved summary says so. */
export function keyRejected(profile: ProfileView, result: ConnectionResult | undefined): boolean {
  const auth = result?.stages.find((s) => s.id === 'auth');
  if (auth) return auth.verdict === 'fail' && auth.errorClass === 'auth';
  return Boolean(profile.lastTest && !profile.lastTest.ok && /\b40[13]\b/.test(profile.lastTest.summary));
}

export function FailureReason({
  profile,
  result,
  onFixKey,
}: {
  profile: ProfileView;
  result: ConnectionResult | undefined;
  onFixKey(): void;
}) {
  const last = profile.lastTest;
  if (!last || last.ok) return null;
  // A sign-in profile fixes itself by signing in again, not by pasting a key.
  const fixable = keyRejected(profile, result) && profile.keySource !== 'signin';
  return (
    <div className="profile__failure" data-testid="failure-reason">
      <span className="error-text">
        Failed {formatAge(last.at)}: {last.summary}
      </span>
      {fixable && (
        <button type="button" className="button button--small" onClick={onFixKey}>
          <KeyRound size={14} /> Fix key
        </button>
      )}
    </div>
  );
}
