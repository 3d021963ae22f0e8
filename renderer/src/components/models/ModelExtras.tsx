// The slot at the end of every model row in the pickers and the palette, for what is known about
// a model beyond its context window and price: its output limit, and what the capability probe
// saw it do (chips). Small and synchronous: it renders once per listed model.
import { useEffect } from 'react';
import { formatContext } from '../../format';
import { recordKey, useCapabilities } from '../../store/capabilities';
import type { ModelInfo } from '../../store/models';
import { CapabilityChips } from './CapabilityChips';

export interface ModelExtrasProps {
  profileId: string;
  model: string;
  /** What the provider's model list said, when the model came from it. */
  info?: ModelInfo;
}

export function ModelExtras({ profileId, model, info }: ModelExtrasProps) {
  const record = useCapabilities((s) => s.records[recordKey(profileId, model)]);
  const load = useCapabilities((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  const maxOutput = info?.details.maxOutputTokens;
  return (
    <>
      {typeof maxOutput === 'number' && (
        <span className="model-item__chip" title="Longest answer the model may give (tokens)">
          out {formatContext(maxOutput)}
        </span>
      )}
      {record && <CapabilityChips record={record} compact />}
    </>
  );
}
