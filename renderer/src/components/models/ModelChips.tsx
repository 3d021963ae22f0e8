// Several models of one profile, as removable chips with the model picker to add more (a chain
// target's fallback models). Keyboard: the picker adds with Enter; Backspace or Delete on a chip's ×
// removes that chip, and Backspace on the closed "add" button removes the last one.
import { X } from 'lucide-react';
import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { ModelPicker } from './ModelPicker';

interface Props {
  /** What the models are for, in the user's words ("Target 1 fallback models"). */
  label: string;
  profileId: string;
  models: string[];
  onChange(models: string[]): void;
  /** Already chosen elsewhere (the target's own model): adding it again is ignored. */
  exclude?: string;
  placeholder?: string;
}

const isRemoveKey = (event: KeyboardEvent) => event.key === 'Backspace' || event.key === 'Delete';

export function ModelChips({ label, profileId, models, onChange, exclude, placeholder = 'Add a model…' }: Props) {
  const group = useRef<HTMLDivElement>(null);
  /** The place of a chip removed from the keyboard, until the shorter list is on screen. */
  const refocusAt = useRef<number | null>(null);

  // Once the list without the chip is rendered (not on a timer or the next frame, which can come
  // before it or, in a page that is not painting, not at all), the keyboard goes to the chip that
  // took its place, else to the add button.
  useLayoutEffect(() => {
    const index = refocusAt.current;
    if (index === null) return;
    refocusAt.current = null;
    const buttons = group.current?.querySelectorAll<HTMLButtonElement>('.model-chip__remove');
    const next = buttons?.[Math.min(index, buttons.length - 1)] ?? group.current?.querySelector<HTMLButtonElement>('.model-trigger');
    next?.focus();
  }, [models]);

  const remove = (index: number, refocus: boolean) => {
    if (refocus) refocusAt.current = index;
    onChange(models.filter((_, i) => i !== index));
  };

  return (
    <div className="model-chips" role="group" aria-label={label} ref={group}>
      {models.length > 0 && (
        <ul className="model-chips__list">
          {models.map((model, index) => (
            <li key={model} className="model-chip">
              <span className="model-chip__name" title={model}>
                {model}
              </span>
              <button
                type="button"
                className="model-chip__remove"
                aria-label={`Remove ${model} from ${label}`}
                onClick={() => remove(index, true)}
                onKeyDown={(event) => {
                  if (!isRemoveKey(event)) return;
                  event.preventDefault();
                  remove(index, true);
                }}
              >
                <X size={12} aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* Keys typed in the open list bubble here through React's portal too; only the button's count. */}
      <span
        className="model-chips__add"
        onKeyDown={(event) => {
          if (event.key !== 'Backspace' || models.length === 0 || !(event.target as Element).closest('.model-trigger')) return;
          event.preventDefault();
          remove(models.length - 1, false);
        }}
      >
        <ModelPicker
          label={`Add to ${label}`}
          profileId={profileId}
          value={null}
          // What the list already holds is marked as chosen (picking it again adds nothing).
          chosen={[...models, ...(exclude ? [exclude] : [])].map((model) => ({ kind: 'profile', profileId, model }))}
          placeholder={placeholder}
          onChange={(target) => {
            if (target.kind !== 'profile' || target.model === exclude || models.includes(target.model)) return;
            onChange([...models, target.model]);
          }}
        />
      </span>
    </div>
  );
}
