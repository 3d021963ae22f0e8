// Installed models: sortable, selectable for Compare, each with Test, Chat, Details and Delete.
// Details come from `ollama show` (context window, parameters, quantisation, capabilities).
import { ArrowUpDown, ChevronDown, ChevronRight, MessageSquare, Play, Trash2 } from 'lucide-react';
import { Fragment, useMemo, useState } from 'react';
import type { OllamaModel } from '../../../../shared/api/ollama';
import { formatBytes, formatContext, formatCount, formatDuration, formatRate } from '../../format';
import { useOllama } from '../../store/ollama';
import { own } from '../../../../shared/own';

type SortKey = 'name' | 'size' | 'family' | 'parameters';

function TestResult({ model }: { model: string }) {
  const result = useOllama((s) => own(s.tests, model));
  if (!result) return null;
  if (result === 'running') return <span className="muted">testing…</span>;
  if ('error' in result) return <span className="error-text">{result.error}</span>;
  return (
    <span className="ollama-test" data-testid={`test-${model}`}>
      load {formatDuration(result.loadMs)} · TTFT {formatDuration(result.ttftMs)} · {formatRate(result.tokensPerSecond)}
    </span>
  );
}

function Details({ model }: { model: string }) {
  const details = useOllama((s) => own(s.details, model));
  if (!details || details === 'loading') return <p className="muted">Reading the model’s details…</p>;
  if ('error' in details) return <p className="error-text">{details.error}</p>;
  const rows: Array<[string, string | undefined]> = [
    [
      'Context window',
      details.contextLength ? `${formatContext(details.contextLength)} tokens (${formatCount(details.contextLength)})` : undefined,
    ],
    [
      'Parameters',
      details.parameterCount ? `${details.parameters ?? ''} (${formatCount(details.parameterCount)})`.trim() : details.parameters,
    ],
    ['Quantisation', details.quantization],
    ['Family', details.family],
    ['Format', details.format],
    ['Capabilities', details.capabilities.join(', ') || undefined],
    ['License', details.license],
  ];
  return (
    <dl className="model-details" data-testid={`details-${model}`}>
      {rows
        .filter((row): row is [string, string] => Boolean(row[1]))
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

interface Props {
  models: OllamaModel[];
  selected: string[];
  onSelect(selected: string[]): void;
  onChat(model: string): void;
  onDelete(model: string): void;
}

export function ModelsTable({ models, selected, onSelect, onChat, onDelete }: Props) {
  const test = useOllama((s) => s.test);
  const loadDetails = useOllama((s) => s.loadDetails);
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'name', asc: true });
  const [open, setOpen] = useState<string | null>(null);

  const sorted = useMemo(() => {
    const value = (m: OllamaModel) => (sort.key === 'size' ? m.size : (m[sort.key] ?? ''));
    return [...models].sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
      return sort.asc ? order : -order;
    });
  }, [models, sort]);

  const header = (key: SortKey, label: string, className?: string) => (
    <th className={className} aria-sort={sort.key === key ? (sort.asc ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => setSort({ key, asc: sort.key === key ? !sort.asc : true })}>
        {label} <ArrowUpDown size={12} aria-hidden="true" />
      </button>
    </th>
  );

  return (
    <div className="models-table-wrap">
      <table className="table models-table">
        <thead>
          <tr>
            <th aria-label="Select" />
            {header('name', 'Model')}
            {header('size', 'Size')}
            {header('parameters', 'Parameters')}
            {header('family', 'Family', 'col-family')}
            <th className="models-table__actions">Actions</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((m) => (
            <Fragment key={m.name}>
              <tr data-testid={`model-${m.name}`}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${m.name}`}
                    checked={selected.includes(m.name)}
                    onChange={(e) => onSelect(e.target.checked ? [...selected, m.name] : selected.filter((n) => n !== m.name))}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button model-name"
                    aria-expanded={open === m.name}
                    aria-label={`Details of ${m.name}`}
                    onClick={() => {
                      const next = open === m.name ? null : m.name;
                      setOpen(next);
                      if (next) void loadDetails(next);
                    }}
                  >
                    {open === m.name ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
                    <strong>{m.name}</strong>
                  </button>
                  <div>
                    <TestResult model={m.name} />
                  </div>
                </td>
                <td>{formatBytes(m.size)}</td>
                <td>{[m.parameters, m.quantization].filter(Boolean).join(' · ') || '—'}</td>
                <td className="col-family">{m.family ?? '—'}</td>
                <td>
                  <div className="model-actions">
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => onChat(m.name)}
                      aria-label={`Chat with ${m.name}`}
                    >
                      <MessageSquare size={14} /> Chat
                    </button>
                    <button type="button" className="button button--small" onClick={() => void test(m.name)} aria-label={`Test ${m.name}`}>
                      <Play size={14} /> Test
                    </button>
                    <button type="button" className="icon-button" aria-label={`Delete ${m.name}`} onClick={() => onDelete(m.name)}>
                      <Trash2 size={16} />
                    </button>
                  </div>
                </td>
              </tr>
              {open === m.name && (
                <tr className="model-details__row">
                  <td />
                  <td colSpan={5}>
                    <Details model={m.name} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
