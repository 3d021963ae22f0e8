// A number input, alone (inside a sentence, named by aria-label) or labelled as the settings forms
// draw one. The value stays the text the user typed, so a half-typed number ("0.", "") is theirs to
// finish; each form reads it when it saves.
import type { InputHTMLAttributes } from 'react';

type NumberInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange' | 'className'> & {
  value: string;
  onChange: (value: string) => void;
};

export function NumberInput({ value, onChange, ...input }: NumberInputProps) {
  return <input className="input" type="number" {...input} value={value} onChange={(e) => onChange(e.target.value)} />;
}

export function NumberField({ label, ...input }: NumberInputProps & { label: string }) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <NumberInput {...input} />
    </label>
  );
}

/** Temperature as Chat and Compare take it: 0 to 2, the widest range the providers accept. */
export const TEMPERATURE_RANGE = { min: 0, max: 2, step: 0.1 } as const;
