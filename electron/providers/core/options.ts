// A provider family's adapter options as a zod schema: one place that says which options exist,
// how a profile's stored values are read, and how the profile form shows each one. The form gets
// a plain field list (OptionField in shared/api/providers.ts), so no page knows a provider by name.
import { z } from 'zod';
import type { OptionField } from '../../../shared/api/providers';

export interface OptionMeta {
  label: string;
  help?: string;
  placeholder?: string;
  /** Only these adapter kinds have the option (Azure's deployment in the OpenAI-compatible family). */
  kinds?: readonly string[];
  /** Rarely needed: the form folds it under "More options". */
  advanced?: boolean;
  /** For a choice: how each value is shown, in the order the form lists them (the first is the default). */
  choices?: Record<string, string>;
}

export type OptionsSchema = z.ZodObject<Record<string, z.ZodOptional<z.ZodType>>>;

export function textOption(meta: OptionMeta) {
  return z
    .string()
    .optional()
    .meta({ ...meta });
}

export function choiceOption<const T extends readonly [string, ...string[]]>(
  values: T,
  meta: OptionMeta & { choices: Record<T[number], string> },
) {
  return z
    .enum(values)
    .optional()
    .meta({ ...meta });
}

export function booleanOption(meta: OptionMeta) {
  return z
    .boolean()
    .optional()
    .meta({ ...meta });
}

export function numberOption(meta: OptionMeta) {
  return z
    .number()
    .optional()
    .meta({ ...meta });
}

/** A form's text for a yes/no or number option ("true", "120000") as the value it stands for. */
function fromText(text: string, type: OptionField['type']): unknown {
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  if (type === 'number' && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/**
 * A profile's stored options as the family reads them: each option on its own, strings trimmed and
 * blank ones unset (the form keeps every value as text), and a value its schema refuses left unset,
 * as if it were not there (a profile edited by hand, or written by an older version, still opens).
 * Other keys are ignored.
 */
export function readOptions<S extends OptionsSchema>(schema: S, stored: Record<string, unknown> | undefined): z.infer<S> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema.shape)) {
    let value = stored?.[name];
    if (typeof value === 'string') value = value.trim() ? fromText(value.trim(), typeOf(field)) : undefined;
    const parsed = field.safeParse(value);
    if (parsed.success && parsed.data !== undefined) out[name] = parsed.data;
  }
  return out as z.infer<S>;
}

function metaOf(field: z.ZodType): OptionMeta {
  const meta = field.meta() as OptionMeta | undefined;
  if (!meta?.label) throw new Error('Every adapter option needs a label for the profile form.');
  return meta;
}

function typeOf(field: z.ZodType): OptionField['type'] {
  const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
  if (inner instanceof z.ZodEnum) return 'choice';
  if (inner instanceof z.ZodBoolean) return 'boolean';
  if (inner instanceof z.ZodNumber) return 'number';
  return 'text';
}

/** The fields the profile form shows for one adapter kind, in the schema's order. */
export function optionFields(schema: OptionsSchema, kind: string): OptionField[] {
  const fields: OptionField[] = [];
  for (const [name, field] of Object.entries(schema.shape)) {
    const meta = metaOf(field);
    if (meta.kinds && !meta.kinds.includes(kind)) continue;
    fields.push({
      name,
      label: meta.label,
      type: typeOf(field),
      ...(meta.help && { help: meta.help }),
      ...(meta.placeholder && { placeholder: meta.placeholder }),
      ...(meta.choices && { choices: Object.entries(meta.choices).map(([value, label]) => ({ value, label })) }),
      ...(meta.advanced && { advanced: true }),
    });
  }
  return fields;
}
