// A profile as the config file stores it: the id, name and provider a test cares about, plus the
// empty lists and timestamps of one just created, so that a test spells out only what it is about.
export function savedProfile<Fields extends object = object>(id: string, name: string, providerKey: string, fields: Fields = {} as Fields) {
  return {
    id,
    name,
    providerKey,
    recentModels: [],
    extraHeaders: {},
    options: {},
    keySlots: [],
    createdAt: 1,
    updatedAt: 1,
    ...fields,
  };
}
