import { useEffect, useState } from 'react';
import type { SettingsShape } from '../../../../shared/api/settings';
import { errorMessage } from '../../errors';
import { SectionStatus, useSectionStatus } from './SectionStatus';

/** "model = input / output" per line, USD per million tokens; the first bad line is named. */
export function parsePrices(text: string): { prices: SettingsShape['prices'] } | { error: string } {
  const prices: SettingsShape['prices'] = {};
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const match = /^\s*(\S+)\s*=\s*([\d.]+)\s*\/\s*([\d.]+)\s*$/.exec(line);
    if (!match || !Number.isFinite(Number(match[2])) || !Number.isFinite(Number(match[3]))) {
      return {
        error: `Line ${i + 1} (“${line.trim().slice(0, 40)}”) should look like "gpt-4o = 2.5 / 10": USD per million input / output tokens.`,
      };
    }
    prices[match[1]!] = { inputPerMTok: Number(match[2]), outputPerMTok: Number(match[3]) };
  }
  return { prices };
}

export function PricesSection({
  prices,
  onSave,
}: {
  prices: SettingsShape['prices'] | undefined;
  onSave(prices: SettingsShape['prices']): Promise<void>;
}) {
  const [text, setText] = useState('');
  // Settings that arrive after the person started typing must not wipe what they typed.
  const [edited, setEdited] = useState(false);
  const status = useSectionStatus();
  useEffect(() => {
    if (prices && !edited)
      setText(
        Object.entries(prices)
          .map(([model, p]) => `${model} = ${p.inputPerMTok} / ${p.outputPerMTok}`)
          .join('\n'),
      );
  }, [prices, edited]);
  const save = () => {
    const parsed = parsePrices(text);
    if ('error' in parsed) return status.fail(parsed.error);
    onSave(parsed.prices).then(
      () => status.ok(`Prices saved. ${Object.keys(parsed.prices).length} models have a price.`),
      (error: unknown) => status.fail(errorMessage(error)),
    );
  };
  return (
    <section className="card settings-section" aria-labelledby="price-title">
      <h2 className="card__title" id="price-title">
        Prices
      </h2>
      <p className="muted">
        USD per million tokens, one model per line as “model = input / output”. Compare and Chat use them to show cost.
      </p>
      <textarea
        className="textarea"
        rows={4}
        value={text}
        placeholder={'gpt-4o-mini = 0.15 / 0.6\nllama3.2:3b = 0 / 0'}
        onChange={(e) => (setEdited(true), setText(e.target.value))}
        aria-label="Price table"
      />
      <div className="settings-actions">
        <button type="button" className="button" onClick={save}>
          Save prices
        </button>
        <SectionStatus message={status.message} testId="prices-status" />
      </div>
    </section>
  );
}
