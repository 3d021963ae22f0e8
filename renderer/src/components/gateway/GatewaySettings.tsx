// Settings → Gateway: on/off and port, the base URLs and ready snippets to copy, access tokens (a
// new one is shown once), model aliases, allowed browser origins, logging and limits.
import { Copy, KeyRound, Network, Trash2 } from 'lucide-react';
import { Fragment, useEffect, useState } from 'react';
import type { GatewaySettingsShape, GatewayStatus } from '../../../../shared/api/gateway';
import { gatewaySnippets, gatewayUrls } from '../../../../shared/gateway-snippets';
import type { MethodInput } from '../../../../shared/api';
import { errorMessage } from '../../errors';
import { subscribeGateway, useGateway } from '../../store/gateway';
import { ConfirmDialog } from '../ConfirmDialog';
import { NumberField } from '../NumberField';
import './gateway.css';

type Message = { kind: 'ok' | 'error'; text: string } | null;

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button button--small"
      aria-label={label}
      onClick={() =>
        void navigator.clipboard.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      <Copy size={14} /> {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

function aliasesText(aliases: Record<string, string>): string {
  return Object.entries(aliases)
    .map(([from, to]) => `${from} = ${to}`)
    .join('\n');
}

/** "name = target" per line; every bad line is reported with its number. */
export function parseAliases(text: string): { aliases: Record<string, string>; problem?: string } {
  const aliases: Record<string, string> = {};
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const match = /^\s*(\S+)\s*=\s*(.+?)\s*$/.exec(line);
    if (!match) return { aliases, problem: `Line ${i + 1} of the aliases should look like "claude-sonnet-* = chain:Everyday".` };
    aliases[match[1]!] = match[2]!;
  }
  return { aliases };
}

function Limits({
  settings,
  onSave,
}: {
  settings: GatewaySettingsShape;
  onSave: (patch: Partial<GatewaySettingsShape>, done: string) => void;
}) {
  const [form, setForm] = useState({
    mb: String(settings.maxBodyBytes / 1024 / 1024),
    concurrent: String(settings.maxConcurrentPerToken),
    timeout: String(settings.requestTimeoutMs / 1000),
  });
  return (
    <form
      className="fit-columns gateway-limits"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(
          {
            maxBodyBytes: Math.round(Number(form.mb) * 1024 * 1024),
            maxConcurrentPerToken: Math.round(Number(form.concurrent)),
            requestTimeoutMs: Math.round(Number(form.timeout) * 1000),
          },
          'Limits saved.',
        );
      }}
    >
      <NumberField label="Largest request (MB)" min={0.001} step="any" value={form.mb} onChange={(mb) => setForm({ ...form, mb })} />
      <NumberField
        label="Requests in flight per token"
        min={1}
        value={form.concurrent}
        onChange={(concurrent) => setForm({ ...form, concurrent })}
      />
      <NumberField label="Request timeout (s)" min={1} value={form.timeout} onChange={(timeout) => setForm({ ...form, timeout })} />
      <div>
        <button type="submit" className="button">
          Save limits
        </button>
      </div>
    </form>
  );
}

function Tokens({ status, onMessage }: { status: GatewayStatus; onMessage: (m: Message) => void }) {
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const { createToken, revokeToken } = useGateway.getState();
  const baseUrl = status.baseUrl ?? `http://127.0.0.1:${status.settings.port}`;
  return (
    <div className="gateway-tokens">
      <h3 className="gateway-subtitle">
        <KeyRound size={15} /> Access tokens
      </h3>
      <p className="muted">One token per client. A new token is shown once; Switchyard keeps only its hash.</p>
      {created && (
        <div className="callout gateway-new-token" role="status" data-testid="new-token">
          <p>
            Token for <strong>{created.name}</strong> — copy it now, it will not be shown again:
          </p>
          <div className="wrap-row">
            <code className="gateway-secret">{created.token}</code>
            <CopyButton text={created.token} label="Copy the new token" />
          </div>
          <Snippets baseUrl={baseUrl} token={created.token} />
        </div>
      )}
      {status.tokens.length === 0 ? (
        <p className="muted">No tokens yet: clients are refused until you create one.</p>
      ) : (
        <table className="table gateway-token-table">
          <thead>
            <tr>
              <th>Client</th>
              <th>Token</th>
              <th>Created</th>
              <th>Last used</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {status.tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>
                  <code>{token.hint}</code>
                </td>
                <td>{new Date(token.createdAt).toLocaleDateString()}</td>
                <td>
                  {token.lastUsedAt ? new Date(token.lastUsedAt).toLocaleTimeString() : <span className="muted">not this session</span>}
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--small button--danger"
                    aria-label={`Revoke ${token.name}`}
                    onClick={() => setRevoking({ id: token.id, name: token.name })}
                  >
                    <Trash2 size={14} /> Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="wrap-row gateway-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void createToken(name.trim()).then(
            (result) => {
              setCreated({ name: result.name, token: result.token });
              setName('');
              onMessage(null);
            },
            (error: unknown) => onMessage({ kind: 'error', text: errorMessage(error) }),
          );
        }}
      >
        <label className="field">
          <span className="field__label">New token for</span>
          <input className="input" placeholder="Claude Code" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={!name.trim()}>
          Create token
        </button>
      </form>
      <ConfirmDialog
        title={`Revoke ${revoking?.name ?? ''}?`}
        open={revoking !== null}
        confirmLabel="Revoke"
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          const target = revoking!;
          setRevoking(null);
          void revokeToken(target.id).then(
            () => onMessage({ kind: 'ok', text: `Revoked "${target.name}"; its next request is refused.` }),
            (error: unknown) => onMessage({ kind: 'error', text: errorMessage(error) }),
          );
        }}
      >
        <p>Any client still using this token gets 401 from its next request on.</p>
      </ConfirmDialog>
    </div>
  );
}

/** A setting written one item a line: its heading and hint, the text, and its own Save button. */
function LinesSetting({
  title,
  hint,
  rows,
  value,
  placeholder,
  onChange,
  saveLabel,
  onSave,
}: {
  title: string;
  hint: string;
  rows: number;
  value: string;
  placeholder?: string;
  onChange: (value: string) => void;
  saveLabel: string;
  onSave: () => void;
}) {
  return (
    <>
      <h3 className="gateway-subtitle">{title}</h3>
      <p className="muted">{hint}</p>
      <textarea
        className="textarea"
        rows={rows}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        aria-label={title}
      />
      <div>
        <button type="button" className="button" onClick={onSave}>
          {saveLabel}
        </button>
      </div>
    </>
  );
}

function Snippets({ baseUrl, token }: { baseUrl: string; token?: string }) {
  return (
    <div className="fit-columns gateway-snippets">
      {gatewaySnippets(baseUrl, token).map((snippet) => (
        <div key={snippet.id} className="gateway-snippet">
          <div className="gateway-snippet__head">
            <strong>{snippet.title}</strong>
            <CopyButton text={snippet.text} label={`Copy the ${snippet.title} settings`} />
          </div>
          <pre className="gateway-snippet__text">{snippet.text}</pre>
        </div>
      ))}
    </div>
  );
}

export function GatewaySettings() {
  const status = useGateway((s) => s.status);
  const loadError = useGateway((s) => s.loadError);
  const load = useGateway((s) => s.load);
  const [message, setMessage] = useState<Message>(null);
  const [port, setPort] = useState('');
  const [aliases, setAliases] = useState('');
  const [origins, setOrigins] = useState('');

  useEffect(() => {
    subscribeGateway();
    void load();
  }, [load]);
  const settingsKey = status ? JSON.stringify(status.settings) : '';
  useEffect(() => {
    if (!status) return;
    setPort(String(status.settings.port));
    setAliases(aliasesText(status.settings.aliases));
    setOrigins(status.settings.allowedOrigins.join('\n'));
    // Reset the drafts only when the saved settings change, not on every status event.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settingsKey]);

  const update = (patch: MethodInput<'gateway.update'>, done: string) => {
    void useGateway
      .getState()
      .update(patch)
      .then(
        (next) => {
          setMessage(
            next.enabled && !next.running
              ? { kind: 'error', text: next.error ?? 'The gateway did not start.' }
              : { kind: 'ok', text: done },
          );
        },
        (error: unknown) => {
          setMessage({ kind: 'error', text: errorMessage(error) });
          void load();
        },
      );
  };

  if (!status) {
    return (
      <section className="card settings-section" aria-labelledby="gateway-title">
        <h2 className="card__title" id="gateway-title">
          <Network size={16} /> Gateway
        </h2>
        <p className={loadError ? 'error-text' : 'muted'}>{loadError ?? 'Loading…'}</p>
      </section>
    );
  }
  const baseUrl = status.baseUrl ?? `http://127.0.0.1:${status.settings.port}`;
  const urls = gatewayUrls(baseUrl);
  return (
    <section className="card settings-section gateway-settings" aria-labelledby="gateway-title" data-testid="gateway-settings">
      <h2 className="card__title" id="gateway-title">
        <Network size={16} /> Gateway
      </h2>
      <p className="muted">
        Serve your profiles, chains and routes to other tools (Claude Code, scripts, editors) on this computer only, in the OpenAI and
        Anthropic formats. Provider keys stay here; clients get a gateway token.
      </p>
      {message && (
        <div
          className={message.kind === 'error' ? 'callout callout--error' : 'callout'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </div>
      )}
      <label className="checkbox">
        <input
          type="checkbox"
          role="switch"
          checked={status.enabled}
          onChange={(e) => {
            const enabled = e.target.checked;
            // Flip at once; the host's answer (running, or why not) follows.
            useGateway.getState().setStatus({ ...status, enabled });
            update({ enabled }, enabled ? 'The gateway is on.' : 'The gateway is off.');
          }}
        />{' '}
        Run the gateway on 127.0.0.1
      </label>
      <p data-testid="gateway-state">
        <span className={`status-dot status-dot--${status.running ? 'ok' : status.enabled ? 'error' : 'warn'}`} />{' '}
        {status.running ? (
          <>
            Running at <code>{status.baseUrl}</code>
          </>
        ) : status.enabled ? (
          `Not running: ${status.error ?? 'starting…'}`
        ) : (
          'Off'
        )}
      </p>
      <form
        className="wrap-row gateway-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          update({ port: Number(port) }, `Port ${port} saved.`);
        }}
      >
        <NumberField label="Port" min={1} max={65535} value={port} onChange={setPort} aria-describedby="gateway-port-hint" />
        <button type="submit" className="button" disabled={port === String(status.settings.port)}>
          Save port
        </button>
      </form>
      <p className="field__hint" id="gateway-port-hint">
        {status.defaultPort} by default: clear of LiteLLM (4000), Ollama (11434), LM Studio (1234) and Cherry Studio (23333).
      </p>
      <dl className="gateway-urls">
        {(
          [
            ['OpenAI', urls.openai],
            ['Anthropic', urls.anthropic],
          ] as const
        ).map(([format, url]) => (
          <Fragment key={format}>
            <dt>{`${format} base URL`}</dt>
            <dd>
              <code>{url}</code> <CopyButton text={url} label={`Copy the ${format} base URL`} />
            </dd>
          </Fragment>
        ))}
      </dl>
      <p className="muted">
        Models: <code>&lt;profile&gt;/&lt;model&gt;</code>, <code>chain:&lt;name&gt;</code> or <code>hint:&lt;route&gt;</code>, or an alias
        below.
      </p>
      <Snippets baseUrl={baseUrl} />
      <Tokens status={status} onMessage={setMessage} />
      <LinesSetting
        title="Model aliases"
        hint="For tools that ask for a fixed model name. One per line, “name = target”; a name ending in * matches every name that starts with it."
        rows={3}
        value={aliases}
        placeholder={'claude-sonnet-* = chain:Everyday\nclaude-haiku-* = hint:fast'}
        onChange={setAliases}
        saveLabel="Save aliases"
        onSave={() => {
          const parsed = parseAliases(aliases);
          if (parsed.problem) setMessage({ kind: 'error', text: parsed.problem });
          else update({ aliases: parsed.aliases }, 'Aliases saved.');
        }}
      />
      <LinesSetting
        title="Allowed browser origins"
        hint="Requests from web pages are refused unless their origin is listed here (one per line, such as https://notebook.example)."
        rows={2}
        value={origins}
        onChange={setOrigins}
        saveLabel="Save origins"
        onSave={() =>
          update(
            {
              allowedOrigins: origins
                .split('\n')
                .map((o) => o.trim())
                .filter(Boolean),
            },
            'Allowed origins saved.',
          )
        }
      />
      <h3 className="gateway-subtitle">Request log and limits</h3>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={status.settings.logBodies}
          onChange={(e) =>
            update(
              { logBodies: e.target.checked },
              e.target.checked
                ? 'Prompts and answers will be kept in the request log (memory only).'
                : 'Prompts and answers are no longer kept.',
            )
          }
        />{' '}
        Keep prompts and answers in the request log (memory only, cut to 4,000 characters)
      </label>
      <Limits key={settingsKey} settings={status.settings} onSave={update} />
    </section>
  );
}
