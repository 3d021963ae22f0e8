// One choice out of a few, all in view: a row of buttons that act as radios (styled by .segmented).
export function Segmented<Value extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  /** Each choice's value and the words shown for it, in order. */
  options: ReadonlyArray<readonly [Value, string]>;
  value: Value | undefined;
  onChange: (value: Value) => void;
}) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map(([option, text]) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={value === option}
          className={value === option ? 'segmented__item segmented__item--on' : 'segmented__item'}
          onClick={() => onChange(option)}
        >
          {text}
        </button>
      ))}
    </div>
  );
}
