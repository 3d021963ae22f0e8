// What a probe saw a model do, as chips: "tools", "vision", "JSON", "reasoning", "usage" in green
// for yes, struck through for no, with a "?" when the probe could not tell. The tooltip says what
// the model did and when it was probed.
import type { ProbeRecord } from '../../../../shared/api/models';
import type { Capability } from '../../../../shared/types';

export const CAPABILITY_LABELS: Record<Capability, { chip: string; name: string }> = {
  tools: { chip: 'tools', name: 'Native tool calls' },
  vision: { chip: 'vision', name: 'Image input' },
  json: { chip: 'JSON', name: 'JSON output' },
  reasoning: { chip: 'reasoning', name: 'Reasoning' },
  usage: { chip: 'usage', name: 'Streamed token usage' },
};

const verdictWords = (verdict: string) => (verdict === 'yes' ? 'yes' : verdict === 'no' ? 'no' : 'could not tell');

export function CapabilityChips({ record, compact }: { record: ProbeRecord; compact?: boolean }) {
  const date = new Date(record.at).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
  // In the picker a row has little room: what the model did, then one chip counting what it did not.
  const shown = compact ? record.results.filter((r) => r.verdict === 'yes') : record.results;
  const lacking = compact ? record.results.filter((r) => r.verdict !== 'yes') : [];
  return (
    <span className="capability-chips" data-testid={`capabilities-${record.model}`}>
      {shown.map((r) => {
        const { chip, name } = CAPABILITY_LABELS[r.capability];
        const modifier = r.verdict === 'yes' ? 'yes' : r.verdict === 'no' ? 'no' : 'unknown';
        return (
          <span
            key={r.capability}
            className={`capability-chip capability-chip--${modifier}`}
            title={`${name}: ${verdictWords(r.verdict)} — ${r.detail} (probed ${date})`}
            aria-label={`${name}: ${verdictWords(r.verdict)}`}
            data-verdict={r.verdict}
          >
            {modifier === 'unknown' ? `${chip}?` : chip}
          </span>
        );
      })}
      {lacking.length > 0 && (
        <span
          className="capability-chip capability-chip--no"
          title={`${lacking.map((r) => `${CAPABILITY_LABELS[r.capability].name}: ${verdictWords(r.verdict)} — ${r.detail}`).join('\n')}\n(probed ${date})`}
          aria-label={`Not shown: ${lacking.map((r) => CAPABILITY_LABELS[r.capability].name).join(', ')}`}
        >
          {lacking.length} no
        </span>
      )}
    </span>
  );
}
