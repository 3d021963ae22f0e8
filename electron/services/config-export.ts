// Export and import of the configuration: profiles, chains, routes and settings in one JSON file,
// with no secrets (key slots are named, never filled). Import validates everything first, with the
// same rules as the API and config.json, and reports every problem at once; nothing is written
// unless the whole file is good. An imported file cannot move a key: a profile that keeps its id
// but gets a new provider, endpoint or proxy keeps its keys on hold, and the summary says so.
import { z } from 'zod';
import type { EndpointChange } from '../../shared/api/profiles';
import { AppError } from '../errors';
import { resolveProviderKey, UnknownProviderError } from '../providers/catalog';
import { bindKeysWhereTheyAre, keysOnHold } from './key-binding';
import { Chain, Profile, Route, Settings, type Config } from '../config/schema';

export const EXPORT_FORMAT = 'switchyard-config';

const MAX_PROBLEMS_SHOWN = 20;

const ExportFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.string().optional(),
  // A file never says where keys are bound: that is taken from this machine's own profiles.
  profiles: z
    .array(
      Profile.omit({ keySlots: true, keyBinding: true }).extend({
        keySlots: z
          .array(z.object({ slot: z.number().int().min(0).max(9) }))
          .max(10)
          .default([]),
      }),
    )
    .max(500, 'At most 500 profiles in one file.')
    .default([]),
  chains: z.array(Chain).max(500, 'At most 500 chains in one file.').default([]),
  routes: z.array(Route).max(1000, 'At most 1,000 routes in one file.').default([]),
  settings: Settings.optional(),
});

/** A problem's path, with names from the file quoted and cut short (they may hold line breaks or megabytes). */
function issuePath(path: PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'string' && !/^[\w-]{1,60}$/.test(part) ? JSON.stringify(part.slice(0, 60)) : String(part)))
    .join('.');
}

export function exportConfig(config: Config, now = new Date()): { filename: string; content: string } {
  const file = {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    // Slots say which keys the profile had, so the user knows what to paste again after import.
    profiles: config.profiles.map(({ keySlots, keyBinding: _binding, ...profile }) => ({
      ...profile,
      keySlots: keySlots.map(({ slot }) => ({ slot })),
    })),
    chains: config.chains,
    routes: config.routes,
    settings: config.settings,
  };
  return { filename: `switchyard-config-${now.toISOString().slice(0, 10)}.json`, content: `${JSON.stringify(file, null, 2)}\n` };
}

export interface ImportSummary {
  profiles: number;
  chains: number;
  routes: number;
  /** Imported profiles whose keys must be entered again (keys never travel in exports). */
  needKeys: string[];
  /** Profiles here whose provider, endpoint or proxy the file changes: their keys are on hold until confirmed. */
  endpointChanges: Array<{ profileId: string; profile: string; changes: EndpointChange[] }>;
}

/** Merges an export into `config` by id; throws one AppError listing every problem found. */
export function importConfig(config: Config, content: string): { config: Config; summary: ImportSummary } {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (error) {
    throw new AppError('invalid_import', `The file is not JSON: ${(error as Error).message}`, {
      problems: [`not JSON: ${(error as Error).message}`],
    });
  }
  const parsed = ExportFile.safeParse(raw);
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issuePath(issue.path) || '(file)'}: ${issue.message}`);
  if (parsed.success) {
    const file = parsed.data;
    const profileIds = new Set([...config.profiles.map((p) => p.id), ...file.profiles.map((p) => p.id)]);
    const chainIds = new Set([...config.chains.map((c) => c.id), ...file.chains.map((c) => c.id)]);
    file.profiles.forEach((profile, i) => {
      try {
        resolveProviderKey(profile.providerKey);
      } catch (error) {
        // The same words profiles.create uses for the same key.
        problems.push(
          `profiles.${i} (${profile.name}): ${error instanceof UnknownProviderError ? `unknown provider "${profile.providerKey}"` : (error as Error).message}`,
        );
      }
    });
    file.chains.forEach((chain, i) => {
      chain.targets.forEach((target, j) => {
        if (!profileIds.has(target.profileId))
          problems.push(`chains.${i}.targets.${j} (${chain.name}): refers to a profile that is neither in the file nor here`);
      });
    });
    file.routes.forEach((route, i) => {
      if (!chainIds.has(route.chainId)) problems.push(`routes.${i} (hint:${route.hint}): points to a chain that does not exist`);
    });
    if (problems.length === 0) {
      const next = structuredClone(config);
      const previousProxy = config.settings.proxyUrl;
      // Before anything changes, every profile with keys records where they are bound now.
      for (const profile of next.profiles) bindKeysWhereTheyAre(profile, previousProxy);
      const needKeys: string[] = [];
      for (const incoming of file.profiles) {
        const existing = next.profiles.find((p) => p.id === incoming.id);
        const keySlots = existing?.keySlots ?? [];
        if (incoming.keySlots.length > 0 && keySlots.length === 0) needKeys.push(incoming.name);
        const merged = { ...incoming, keySlots, ...(existing?.keyBinding && { keyBinding: existing.keyBinding }) };
        if (existing) next.profiles[next.profiles.indexOf(existing)] = merged;
        else next.profiles.push(merged);
      }
      for (const chain of file.chains) next.chains = [...next.chains.filter((c) => c.id !== chain.id), chain];
      for (const route of file.routes) next.routes = [...next.routes.filter((r) => r.id !== route.id && r.hint !== route.hint), route];
      if (file.settings) next.settings = file.settings;
      // Every profile whose keys can no longer go out as before, because of its own fields or the
      // file's proxy; keys that were on hold already are not news.
      const wasOnHold = new Set(config.profiles.filter((p) => keysOnHold(p, previousProxy).length > 0).map((p) => p.id));
      const endpointChanges = next.profiles
        .filter((profile) => !wasOnHold.has(profile.id))
        .map((profile) => ({ profileId: profile.id, profile: profile.name, changes: keysOnHold(profile, next.settings.proxyUrl) }))
        .filter((entry) => entry.changes.length > 0);
      return {
        config: next,
        summary: { profiles: file.profiles.length, chains: file.chains.length, routes: file.routes.length, needKeys, endpointChanges },
      };
    }
  }
  // A hostile file can hold thousands of problems: the first ones are enough to act on.
  const shown =
    problems.length > MAX_PROBLEMS_SHOWN
      ? [...problems.slice(0, MAX_PROBLEMS_SHOWN), `…and ${problems.length - MAX_PROBLEMS_SHOWN} more`]
      : problems;
  throw new AppError(
    'invalid_import',
    `The file cannot be imported (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${shown.join('; ')}`,
    { problems: shown },
  );
}
