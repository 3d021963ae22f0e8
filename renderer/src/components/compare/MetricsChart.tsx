import type { CompareColumn } from '../../../../shared/api/compare';
import { formatDuration, formatRate } from '../../format';

interface Series {
  title: string;
  value: (column: CompareColumn) => number | null;
  format: (value: number) => string;
  /** Lower is better (TTFT) or higher is better (tokens/s). */
  better: 'lower' | 'higher';
}

const SERIES: Series[] = [
  { title: 'Time to first token', value: (c) => c.metrics?.ttftMs ?? null, format: formatDuration, better: 'lower' },
  { title: 'Tokens per second', value: (c) => c.metrics?.tokensPerSecond ?? null, format: (v) => formatRate(v), better: 'higher' },
  { title: 'Total time', value: (c) => c.metrics?.totalMs ?? null, format: formatDuration, better: 'lower' },
];

/** Horizontal bars, one group per metric: small, readable, no charting library needed. */
export function MetricsChart({ columns }: { columns: CompareColumn[] }) {
  const done = columns.filter((column) => column.status === 'done');
  if (done.length < 2) return null;
  return (
    <section className="card fit-columns compare-chart" aria-label="Metrics chart">
      {SERIES.map((series) => {
        const values = done.map((column) => ({ column, value: series.value(column) }));
        const max = Math.max(...values.map((entry) => entry.value ?? 0), 1e-9);
        return (
          <div key={series.title} className="compare-chart__group">
            <h3 className="compare-chart__title">
              {series.title} <span className="muted">({series.better} is better)</span>
            </h3>
            {values.map(({ column, value }) => (
              <div key={column.columnId} className="compare-chart__row">
                {/* The model first: two models of one profile must not look the same when cut. */}
                <span className="compare-chart__label" title={column.label}>
                  {column.target.kind === 'profile' ? column.model : column.label}
                  {column.target.kind === 'profile' && (
                    <span className="compare-chart__profile">
                      {' '}
                      · {column.label.slice(0, Math.max(0, column.label.length - column.model.length - 3))}
                    </span>
                  )}
                </span>
                <span className="compare-chart__track">
                  <span className="compare-chart__bar" style={{ width: `${value === null ? 0 : Math.max(2, (value / max) * 100)}%` }} />
                </span>
                <span className="compare-chart__value">{value === null ? '—' : series.format(value)}</span>
              </div>
            ))}
          </div>
        );
      })}
    </section>
  );
}
