import { FlaskConical } from 'lucide-react';
import { useState } from 'react';
import type { ChainShape } from '../../../../shared/api/chains';
import type { ProfileView } from '../../../../shared/api/profiles';
import type { AttemptTrace } from '../../../../shared/types';
import { errorMessage } from '../../errors';
import { useChains } from '../../store/chains';
import { formatDuration } from '../../format';
import { DryRunTimeline } from './DryRunTimeline';
import { CapabilityWarnings } from './RequiredCapabilities';

type FaultPreset = 'ok' | 'server2' | 'server' | 'timeout' | 'auth' | 'rate' | 'cut';

const PRESETS: Record<FaultPreset, { label: string; faults: Array<Record<string, unknown>> }> = {
  ok: { label: 'answers', faults: [{ kind: 'ok' }] },
  server2: {
    label: '503 twice, then answers',
    faults: [{ kind: 'error', errorClass: 'server', status: 503 }, { kind: 'error', errorClass: 'server', status: 503 }, { kind: 'ok' }],
  },
  server: { label: 'always 503', faults: [{ kind: 'error', errorClass: 'server', status: 503 }] },
  timeout: { label: 'times out', faults: [{ kind: 'error', errorClass: 'timeout' }] },
  auth: { label: '401 wrong key', faults: [{ kind: 'error', errorClass: 'auth', status: 401 }] },
  rate: { label: '429 with Retry-After 5 s', faults: [{ kind: 'error', errorClass: 'rate_limit', status: 429, retryAfterMs: 5000 }] },
  cut: { label: 'cuts the stream before the first token', faults: [{ kind: 'cut', afterChunks: 0 }] },
};

/** "Test this chain": the real chain logic with injected faults; no tokens spent, no waiting. */
export function DryRun({ chain, profiles }: { chain: ChainShape; profiles: ProfileView[] }) {
  const [presets, setPresets] = useState<FaultPreset[]>(chain.targets.map((_, i) => (i === 0 ? 'server' : 'ok')));
  const [result, setResult] = useState<{
    ok: boolean;
    answeredBy?: string;
    error?: string;
    attempts: AttemptTrace[];
    simulatedWaitMs: number;
    capabilityWarnings: string[];
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setError(null);
    try {
      setResult(await useChains.getState().dryRun({ chainId: chain.id, faults: presets.map((p) => PRESETS[p].faults as never) }));
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <div className="dry-run" data-testid="dry-run">
      <h3 className="dry-run__title">Test this chain</h3>
      <p className="muted">Pick what each target does; the real retry and fallback logic runs against these faults, spending no tokens.</p>
      <ul className="dry-run__targets">
        {chain.targets.map((target, i) => (
          <li key={i}>
            <span>
              {i + 1}. {profiles.find((p) => p.id === target.profileId)?.name ?? '(deleted profile)'} · {target.model}
            </span>
            <select
              className="select"
              aria-label={`Fault for target ${i + 1}`}
              value={presets[i] ?? 'ok'}
              onChange={(e) => setPresets(presets.map((p, j) => (j === i ? (e.target.value as FaultPreset) : p)))}
            >
              {Object.entries(PRESETS).map(([value, preset]) => (
                <option key={value} value={value}>
                  {preset.label}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={() => void run()}>
        <FlaskConical size={16} /> Run dry run
      </button>
      {error && <div className="callout callout--error">{error}</div>}
      {result && (
        <div className={result.ok ? 'callout dry-run__result' : 'callout callout--error dry-run__result'} data-testid="dry-run-result">
          {/* The failure's attempt list is the timeline below; its first line is enough here. */}
          <strong>
            {result.ok
              ? `Answered by ${result.answeredBy}.`
              : `No target answered: ${(result.error?.split('\n')[0] ?? 'every attempt failed.').replace(/ Attempts:$/, '')}`}
          </strong>{' '}
          {result.attempts.length} attempt{result.attempts.length === 1 ? '' : 's'}; the chain would have waited{' '}
          {formatDuration(result.simulatedWaitMs)} in backoff. Times are simulated.
          <DryRunTimeline attempts={result.attempts} />
        </div>
      )}
      {result && <CapabilityWarnings warnings={result.capabilityWarnings} />}
    </div>
  );
}
