import { CheckCircle2, CircleDashed, Loader2, TriangleAlert, XCircle } from 'lucide-react';
import type { StageResult } from '../../../../shared/api/connection';
import { formatDuration } from '../../format';

const ICON = {
  pass: <CheckCircle2 size={16} className="stage__icon stage__icon--pass" />,
  warn: <TriangleAlert size={16} className="stage__icon stage__icon--warn" />,
  fail: <XCircle size={16} className="stage__icon stage__icon--fail" />,
  running: <Loader2 size={16} className="stage__icon stage__icon--running" />,
  skipped: <CircleDashed size={16} className="stage__icon" />,
};

/** The stages of a connection test, each with its verdict, time, error and next step. */
export function TestStages({ stages }: { stages: StageResult[] }) {
  const order = ['connect', 'auth', 'models', 'completion'];
  const sorted = [...stages].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return (
    <ol className="stages" aria-label="Connection test stages">
      {sorted.map((stage) => (
        <li key={stage.id} className={`stage stage--${stage.verdict}`} data-testid={`stage-${stage.id}`} data-verdict={stage.verdict}>
          {ICON[stage.verdict]}
          <div className="stage__body">
            <div className="stage__title">
              <strong>{stage.label}</strong>
              {stage.ms !== undefined && <span className="muted"> · {formatDuration(stage.ms)}</span>}
            </div>
            {stage.detail && <div className="muted">{stage.detail}</div>}
            {stage.error && <div className="stage__error">{stage.error}</div>}
            {stage.hint && <div className="stage__hint">{stage.hint}</div>}
          </div>
        </li>
      ))}
    </ol>
  );
}
