// A profile's default model, always through the model picker: for a saved profile, the picker over
// its own models; for a new one, the same panel over what "Test before saving" found. Any name can
// be typed in both, for models a provider does not list.
import { Command } from 'cmdk';
import { Check } from 'lucide-react';
import { useState } from 'react';
import type { ProfileView } from '../../../../shared/api/profiles';
import { ModelPicker, PickerPopover } from '../models/ModelPicker';
import { SearchItem } from '../models/search';

const LABEL = 'Default model';
const NONE = 'None: the first listed model';

/** A new profile's default model: what the draft's test listed, or any typed name. */
function DraftModelPicker({ value, found, onChange }: { value: string; found: string[]; onChange(model: string): void }) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const typed = search.trim();
  const pick = (model: string) => {
    onChange(model);
    setOpen(false);
    setSearch('');
  };
  const trigger = value ? (
    <span className="model-trigger__model">{value}</span>
  ) : (
    <span className="model-trigger__placeholder">{NONE}</span>
  );
  return (
    <PickerPopover
      label={LABEL}
      trigger={trigger}
      open={open}
      onOpenChange={setOpen}
      search={search}
      onSearch={setSearch}
      searchPlaceholder="Search or type a model name…"
    >
      {found.length === 0 ? (
        <SearchItem disabled value="no list yet" className="model-item model-item--note" forceMount>
          No list yet: “Test before saving” fetches this provider’s models. You can type any name.
        </SearchItem>
      ) : (
        <Command.Group heading={`Found by the test (${found.length})`} value="found">
          {found.map((model) => (
            <SearchItem key={model} value={model} onSelect={() => pick(model)} className="model-item">
              <span className="model-item__name">{model}</span>
              <span className="model-item__meta" />
              {model === value ? (
                <Check size={14} className="model-item__check" aria-label="selected" />
              ) : (
                <span className="model-item__check" />
              )}
            </SearchItem>
          ))}
        </Command.Group>
      )}
      {value && !typed && (
        <SearchItem value="no default model" onSelect={() => pick('')} className="model-item model-item--note">
          {NONE}
        </SearchItem>
      )}
      {/* Last, so a listed model that matches stays first for Enter. */}
      {typed && !found.includes(typed) && (
        <SearchItem value={`use ${typed}`} forceMount onSelect={() => pick(typed)} className="model-item model-item--note">
          Use “{typed}”
        </SearchItem>
      )}
    </PickerPopover>
  );
}

export function DefaultModelField({
  editing,
  value,
  found,
  onChange,
}: {
  editing?: ProfileView;
  value: string;
  found: string[];
  onChange(model: string): void;
}) {
  return (
    <div className="field">
      <span className="field__label">Default model (optional)</span>
      {editing ? (
        <ModelPicker
          label={LABEL}
          profileId={editing.id}
          placeholder={NONE}
          value={value ? { kind: 'profile', profileId: editing.id, model: value } : null}
          onChange={(target) => target.kind === 'profile' && onChange(target.model)}
        />
      ) : (
        <DraftModelPicker value={value} found={found} onChange={onChange} />
      )}
      <span className="field__hint">
        {!editing && found.length > 0
          ? `${found.length} models found by the test; pick one or type any name.`
          : 'Used by the connection test and preselected in Chat.'}
      </span>
    </div>
  );
}
