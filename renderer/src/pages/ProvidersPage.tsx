import { Copy, KeyRound, LogIn, LogOut, UserCheck, Pencil, Play, Plug, Plus, RefreshCw, ShieldAlert, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ProfileView } from '../../../shared/api/profiles';
import { signInFlow, type ShownSignIn } from '../components/auth/signInKinds';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Dialog } from '../components/Dialog';
import { EmptyState } from '../components/EmptyState';
import { ErrorCallout } from '../components/ErrorCallout';
import { PageHeader } from '../components/PageHeader';
import { errorMessage } from '../errors';
import { formatAge as age } from '../format';
import { ProbeAllButton, ProbeButton, ProfileCapabilities } from '../components/models/ProbeControls';
import { FailureReason } from '../components/providers/FailureReason';
import { ProfileDialog } from '../components/providers/ProfileDialog';
import { TestStages } from '../components/providers/TestStages';
import { useProviders } from '../store/providers';
import { own } from '../../../shared/own';
import '../components/providers/providers.css';

function StatusDot({ profile }: { profile: ProfileView }) {
  const testing = useProviders((state) => Boolean(own(state.testing, profile.id)));
  const last = profile.lastTest;
  const cls = testing
    ? 'status-dot status-dot--warn status-dot--pulse'
    : !last
      ? 'status-dot'
      : last.ok
        ? 'status-dot status-dot--ok'
        : 'status-dot status-dot--error';
  const label = testing ? 'Testing…' : !last ? 'Not tested yet' : `${last.ok ? 'Passed' : 'Failed'} ${age(last.at)}: ${last.summary}`;
  return <span className={cls} title={label} aria-label={label} role="img" />;
}

function KeyInfo({ profile }: { profile: ProfileView }) {
  if (profile.keySlots.length > 0) {
    return (
      <span className="key-info" title="Stored in the OS keychain">
        <KeyRound size={14} aria-hidden="true" /> {profile.keySlots.map((s) => s.hint).join(', ')}
      </span>
    );
  }
  if (profile.keySource === 'env') return <span className="badge badge--accent">from {profile.envVar}</span>;
  if (profile.keySource === 'signin') return <span className="badge badge--accent">{profile.credentialLabel}</span>;
  if (profile.keySource === 'default' || profile.local) return <span className="muted">no key needed</span>;
  return <span className="badge badge--warning">no key</span>;
}

/** A sign-in profile (Copilot, Codex) shows its account instead of a key, and signs in or out. */
function SignInAccount({
  profile,
  account,
  service,
  onSignIn,
  onSignOut,
}: {
  profile: ProfileView;
  account: string | undefined;
  service: string;
  onSignIn(): void;
  onSignOut(): void;
}) {
  if (account === undefined || !profile.hasKey) {
    return (
      <>
        <span className="badge badge--warning">not signed in</span>
        <button type="button" className="button button--small button--primary" onClick={onSignIn}>
          <LogIn size={14} /> Sign in with {service}
        </button>
      </>
    );
  }
  return (
    <>
      <span className="badge badge--success account" data-testid="signed-in-account">
        <UserCheck size={12} aria-hidden="true" /> Signed in as {account}
      </span>
      <button type="button" className="button button--small button--ghost" onClick={onSignOut} aria-label={`Sign out of ${profile.name}`}>
        <LogOut size={14} /> Sign out
      </button>
    </>
  );
}

/** Keys are not sent since the provider, endpoint or proxy changed; the user reviews the change. */
function KeysOnHold({ profile, onReview }: { profile: ProfileView; onReview(): void }) {
  const what = [...new Set(profile.keysOnHold!.map((change) => change.what))].join(' and ');
  return (
    <div className="callout callout--warning profile__hold" role="status" data-testid={`keys-on-hold-${profile.name}`}>
      <ShieldAlert size={16} aria-hidden="true" />
      <span>
        <strong>Keys on hold.</strong> The {what} of this profile changed, so its keys are not sent until you confirm where they may go.
      </span>
      <button type="button" className="button button--small" onClick={onReview}>
        Review change…
      </button>
    </div>
  );
}

function ProfileRow({
  profile,
  onEdit,
  onDelete,
  onSignIn,
  onReviewHold,
  onFixKey,
}: {
  profile: ProfileView;
  onEdit(): void;
  onDelete(): void;
  onSignIn(): void;
  onReviewHold(): void;
  onFixKey(): void;
}) {
  const flow = signInFlow(profile);
  const stages = useProviders((state) => own(state.testing, profile.id));
  const result = useProviders((state) => own(state.results, profile.id));
  const test = useProviders((state) => state.test);
  const [open, setOpen] = useState(false);
  const shown = stages ?? result?.stages;
  return (
    <li className="profile card" data-testid={`profile-${profile.name}`}>
      <div className="profile__main">
        <StatusDot profile={profile} />
        <div className="profile__name">
          <strong>{profile.name}</strong>
          <span className="muted">
            {profile.providerName}
            {profile.baseUrl ? ` · ${profile.baseUrl}` : ''}
          </span>
        </div>
        <div className="profile__meta">
          {profile.signIn && flow ? (
            <SignInAccount
              profile={profile}
              account={profile.signIn.account}
              service={profile.signIn.service}
              onSignIn={onSignIn}
              onSignOut={() => void flow.signOut(profile.id).then(() => useProviders.getState().refresh())}
            />
          ) : (
            <KeyInfo profile={profile} />
          )}
          {profile.defaultModel && <span className="badge">{profile.defaultModel}</span>}
          {profile.lastTest?.ok && <span className="muted profile__age">OK {age(profile.lastTest.at)}</span>}
        </div>
        <div className="profile__actions">
          <button
            type="button"
            className="button button--small"
            disabled={Boolean(stages)}
            onClick={() => {
              setOpen(true);
              void test(profile.id);
            }}
          >
            <Play size={14} /> {stages ? 'Testing…' : 'Test'}
          </button>
          <ProbeButton profile={profile} />
          <button type="button" className="icon-button" aria-label={`Edit ${profile.name}`} title="Edit" onClick={onEdit}>
            <Pencil size={16} />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={`Duplicate ${profile.name}`}
            title="Duplicate"
            onClick={() => void useProviders.getState().duplicate(profile.id)}
          >
            <Copy size={16} />
          </button>
          <button type="button" className="icon-button" aria-label={`Delete ${profile.name}`} title="Delete" onClick={onDelete}>
            <Trash2 size={16} />
          </button>
        </div>
      </div>
      {profile.keysOnHold && <KeysOnHold profile={profile} onReview={onReviewHold} />}
      {profile.problem && (
        <p className="callout callout--warning profile__problem" role="status">
          {profile.problem}
        </p>
      )}
      {!stages && <FailureReason profile={profile} result={result} onFixKey={onFixKey} />}
      <ProfileCapabilities profileId={profile.id} />
      {shown && (open || stages) && (
        <div className="profile__test">
          <TestStages stages={shown} />
          {result && result.models.length > 0 && !stages && (
            <p className="muted">
              Models: {result.models.slice(0, 12).join(', ')}
              {result.models.length > 12 ? ` and ${result.models.length - 12} more` : ''}
            </p>
          )}
        </div>
      )}
    </li>
  );
}

export function ProvidersPage() {
  const profiles = useProviders((state) => state.profiles);
  const loaded = useProviders((state) => state.loaded);
  const error = useProviders((state) => state.error);
  const envKeys = useProviders((state) => state.envKeys);
  const unreadable = useProviders((state) => state.unreadable);
  const refresh = useProviders((state) => state.refresh);
  const testAll = useProviders((state) => state.testAll);
  const testingAny = useProviders((state) => Object.keys(state.testing).length > 0);
  const [dialog, setDialog] = useState<{ editing?: ProfileView; focusKey?: boolean } | null>(null);
  const [deleting, setDeleting] = useState<ProfileView | null>(null);
  const [reviewing, setReviewing] = useState<ProfileView | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  /** A sign-in shown in this page; a device-code sign-in under Electron has its own window instead. */
  const [login, setLogin] = useState<{ shown: ShownSignIn; title: string } | null>(null);

  const signIn = async (profile: ProfileView, presentation: 'window' | 'inline' = 'window') => {
    const flow = signInFlow(profile);
    if (!flow || !profile.signIn) return;
    try {
      const shown = await flow.start(profile.id, presentation);
      if (shown) setLogin({ shown, title: `Sign in to ${profile.signIn.product}` });
    } catch (e) {
      setActionError(errorMessage(e));
    }
  };
  const closeLogin = () => {
    login?.shown.cancel();
    setLogin(null);
  };

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const importable = envKeys.filter((k) => !profiles.some((p) => p.providerKey === k.providerKey));

  return (
    <div className="page">
      <PageHeader
        title="Providers"
        subtitle="Your AI providers, their keys (kept in the OS keychain) and connection tests."
        actions={
          <>
            {profiles.length > 1 && (
              <button type="button" className="button" disabled={testingAny} onClick={() => void testAll()}>
                <RefreshCw size={16} /> Test all
              </button>
            )}
            {profiles.length > 0 && <ProbeAllButton profiles={profiles} />}
            <button type="button" className="button button--primary" onClick={() => setDialog({})}>
              <Plus size={16} /> Add provider
            </button>
          </>
        }
      />
      <ErrorCallout message={error || actionError} />
      {unreadable.length > 0 && (
        <div className="callout callout--warning" role="alert" data-testid="unreadable-profiles">
          <strong>
            {unreadable.length === 1
              ? 'One profile in your configuration cannot be read'
              : `${unreadable.length} profiles in your configuration cannot be read`}
          </strong>
          ; the others work as usual.
          <ul>
            {unreadable.map((entry) => (
              <li key={entry.index}>
                {entry.name ?? entry.id ?? `Entry ${entry.index + 1}`}: {entry.problem}
              </li>
            ))}
          </ul>
        </div>
      )}
      {importable.length > 0 && (
        <div className="callout env-import">
          <strong>Keys found in your environment.</strong> Import them into the keychain as profiles:
          <div className="env-import__list">
            {importable.map((k) => (
              <button
                key={k.envVar}
                type="button"
                className="button button--small"
                onClick={() =>
                  void useProviders
                    .getState()
                    .importFromEnv(k.envVar)
                    .catch((e: unknown) => setActionError(errorMessage(e)))
                }
              >
                {k.displayName}{' '}
                <span className="muted">
                  ({k.envVar}, {k.hint})
                </span>
              </button>
            ))}
          </div>
        </div>
      )}
      {loaded && profiles.length === 0 ? (
        <EmptyState
          icon={<Plug size={32} />}
          title="No providers yet"
          action={
            <button type="button" className="button button--primary" onClick={() => setDialog({})}>
              <Plus size={16} /> Add your first provider
            </button>
          }
        >
          Add a cloud provider with its API key, a local server such as Ollama or LM Studio, or any OpenAI-compatible endpoint. Keys go to
          your OS keychain, never to a file.
        </EmptyState>
      ) : (
        <ul className="profiles">
          {profiles.map((profile) => (
            <ProfileRow
              key={profile.id}
              profile={profile}
              onEdit={() => setDialog({ editing: profile })}
              onDelete={() => setDeleting(profile)}
              onSignIn={() => void signIn(profile)}
              onReviewHold={() => setReviewing(profile)}
              onFixKey={() => setDialog({ editing: profile, focusKey: true })}
            />
          ))}
        </ul>
      )}
      <ProfileDialog
        open={dialog !== null}
        editing={dialog?.editing}
        focusKey={dialog?.focusKey}
        onClose={() => setDialog(null)}
        onCreated={(created) => void signIn(created)}
      />
      <Dialog title={login?.title ?? ''} open={login !== null} onClose={closeLogin}>
        {login?.shown.render({
          onRestart: () => {
            const profile = profiles.find((p) => p.id === login.shown.profileId);
            if (profile) void signIn(profile, 'inline');
          },
          onSuccess: () => {
            setLogin(null);
            void refresh();
          },
        })}
      </Dialog>
      <ConfirmDialog
        title="Send the keys to the new endpoint?"
        open={reviewing !== null}
        confirmLabel="Send keys there"
        onCancel={() => setReviewing(null)}
        onConfirm={() => {
          const profile = reviewing!;
          setReviewing(null);
          void useProviders
            .getState()
            .confirmEndpoint(profile.id)
            .catch((e: unknown) => setActionError(errorMessage(e)));
        }}
      >
        <p>
          The keys of <strong>{reviewing?.name}</strong> ({reviewing?.keySlots.map((s) => s.hint).join(', ')}) were stored for another
          place. Since then:
        </p>
        <ul className="endpoint-changes" data-testid="endpoint-changes">
          {reviewing?.keysOnHold?.map((change) => (
            <li key={change.what}>
              <span className="endpoint-changes__what">
                {change.what === 'endpoint' ? 'Endpoint' : change.what === 'proxy' ? 'Proxy' : 'Provider'}
              </span>{' '}
              <code>{change.from}</code> → <code>{change.to}</code>
            </li>
          ))}
        </ul>
        <p className="muted">
          Confirm only if you made this change or trust where it came from (an imported file can change a profile). Otherwise cancel and
          edit the profile back, or delete its keys.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        title="Delete this provider?"
        open={deleting !== null}
        confirmLabel="Delete"
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const profile = deleting!;
          setDeleting(null);
          void useProviders
            .getState()
            .remove(profile.id)
            .catch((e: unknown) => setActionError(errorMessage(e)));
        }}
      >
        <p>
          <strong>{deleting?.name}</strong> and its keys will be removed from Switchyard and from the keychain. Chains that use it will need
          another target.
        </p>
      </ConfirmDialog>
    </div>
  );
}
