// What every model of a chain must be able to do (probed on the Providers page); the dry run warns
// about a target that has not shown it.
import type { Capability } from '../../../../shared/types';
import { CAPABILITY_LABELS } from '../models/CapabilityChips';

const ALL: Capability[] = ['tools', 'vision', 'json', 'reasoning', 'usage'];

export function RequiredCapabilities({ value, onChange }: { value: Capability[]; onChange(next: Capability[]): void }) {
  return (
    <fieldset className="field chain-requires">
      <legend className="field__label">Every target must have</legend>
      <span className="chain-requires__options">
        {ALL.map((capability) => (
          <label key={capability} className="checkbox">
            <input
              type="checkbox"
              checked={value.includes(capability)}
              onChange={(e) => onChange(e.target.checked ? [...value, capability] : value.filter((c) => c !== capability))}
            />
            {CAPABILITY_LABELS[capability].name}
          </label>
        ))}
      </span>
    </fieldset>
  );
}

/** The dry run's warnings about targets that lack a required capability. */
export function CapabilityWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="callout callout--warning chain-capability-warnings" data-testid="capability-warnings">
      {warnings.map((w) => (
        <li key={w}>{w}</li>
      ))}
    </ul>
  );
}
