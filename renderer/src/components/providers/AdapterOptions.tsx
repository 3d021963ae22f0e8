// A provider's adapter options, drawn from the fields its family describes (OptionField in
// shared/api/providers.ts): Azure's deployment, Bedrock's region, Copilot's GitHub host… No
// provider is known here by name. Values are the profile's options, kept as text.
import { useState } from 'react';
import type { OptionField } from '../../../../shared/api/providers';

interface Props {
  fields: OptionField[];
  options: Record<string, string>;
  onChange(options: Record<string, string>): void;
}

/** A stable test id from the label: "AWS region" → "aws-region", "AWS profile (optional)" → "aws-profile". */
function testIdOf(label: string): string {
  return label
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function Field({ field, value, onChange }: { field: OptionField; value: string; onChange(value: string): void }) {
  const testId = testIdOf(field.label);
  let control;
  if (field.type === 'choice') {
    control = (
      <select className="select" value={value || field.choices?.[0]?.value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {field.choices?.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'boolean') {
    // Three states: unset leaves it to the provider.
    control = (
      <select className="select" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">Provider default</option>
        <option value="true">On</option>
        <option value="false">Off</option>
      </select>
    );
  } else {
    control = (
      <input
        className="input"
        type={field.type === 'number' ? 'number' : 'text'}
        value={value}
        placeholder={field.placeholder}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    );
  }
  return (
    <label className="field">
      <span className="field__label">{field.label}</span>
      {control}
      {field.help && <span className="field__hint">{field.help}</span>}
    </label>
  );
}

export function AdapterOptions({ fields, options, onChange }: Props) {
  const render = (list: OptionField[]) =>
    list.map((field) => (
      <Field
        key={field.name}
        field={field}
        value={options[field.name] ?? ''}
        onChange={(value) => onChange({ ...options, [field.name]: value })}
      />
    ));
  const main = fields.filter((field) => !field.advanced);
  const more = fields.filter((field) => field.advanced);
  // Unfolded when the profile already sets one of them; after that the user's toggle stands.
  const [unfolded] = useState(() => more.some((field) => options[field.name]?.trim()));
  return (
    <>
      {main.length > 0 && <div className="form-row">{render(main)}</div>}
      {more.length > 0 && (
        <details open={unfolded}>
          <summary className="field__label">More options</summary>
          <div className="form-row" style={{ marginTop: 'var(--space-3)' }}>
            {render(more)}
          </div>
        </details>
      )}
    </>
  );
}
