// A profile's default model: for a saved profile, the model picker over its own models (any name
// can still be typed); for a new one, a field that offers what "Test before saving" found.
import type { ProfileView } from '../../../../shared/api/profiles';
import { ModelPicker } from '../models/ModelPicker';

export function DefaultModelField({ editing, value, found, onChange }: { editing?: ProfileView; value: string; found: string[]; onChange(model: string): void }) {
  const hint = <span className="field__hint">Used by the connection test and preselected in Chat.</span>;
  if (editing) {
    return (
      <div className="field">
        <span className="field__label">Default model (optional)</span>
        <ModelPicker label="Default model" profileId={editing.id} placeholder="None: the first listed model" value={value ? { kind: 'profile', profileId: editing.id, model: value } : null} onChange={(target) => target.kind === 'profile' && onChange(target.model)} />
        {hint}
      </div>
    );
  }
  return (
    <label className="field">
      <span className="field__label">Default model (optional)</span>
      <input className="input" value={value} list="draft-models" placeholder={found.length ? `e.g. ${found[0]}` : 'e.g. gpt-4o-mini, llama3.2:3b'} onChange={(e) => onChange(e.target.value)} />
      <datalist id="draft-models">
        {found.map((model) => (
          <option key={model} value={model} />
        ))}
      </datalist>
      {found.length > 0 ? <span className="field__hint">{found.length} models found by the test; pick one or type any name.</span> : hint}
    </label>
  );
}
