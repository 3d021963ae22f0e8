// Looking a name up in a plain object finds Object.prototype's members too: a model, profile or
// header called "constructor" or "toString" would get a function back. Names that come from a
// person, a provider or a shared config file are looked up with `own`.

/** `record[key]` when `key` is the record's own property, else undefined. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
