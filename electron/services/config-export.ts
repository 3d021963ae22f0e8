// Export and import of the configuration: profiles, chains, routes and settings in one JSON file,
// with no secrets (key slots are named, never filled). Import validates everything first and
// reports every problem at once; nothing is written unless the whole file is good.
import { z } from 'zod';
import { AppError } from '../errors';
import { resolveProviderKey } from '../providers/catalog';
import { Chain, Profile, Route, Settings, type Config } from '../config/schema';

export const EXPORT_FORMAT = 'switchyard-config';

const ExportFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.string().optional(),
  profiles: z.array(Profile.omit({ keySlots: true }).extend({ keySlots: z.array(z.object({ slot: z.number().int().min(0).max(9) })).default([]) })).default([]),
  chains: z.array(Chain).default([]),
  routes: z.array(Route).default([]),
  settings: Settings.optional(),
});

export function exportConfig(config: Config, now = new Date()): { filename: string; content: string } {
  const file = {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    // Slots say which keys the profile had, so the user knows what to paste again after import.
    profiles: config.profiles.map(({ keySlots, ...profile }) => ({ ...profile, keySlots: keySlots.map(({ slot }) => ({ slot })) })),
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
}

/** Merges an export into `config` by id; throws one AppError listing every problem found. */
export function importConfig(config: Config, content: string): { config: Config; summary: ImportSummary } {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (error) {
    throw new AppError('invalid_import', `The file is not JSON: ${(error as Error).message}`, { problems: [`not JSON: ${(error as Error).message}`] });
  }
  const parsed = ExportFile.safeParse(raw);
  const problems: string[] = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
  if (parsed.success) {
    const file = parsed.data;
    const profileIds = new Set([...config.profiles.map((p) => p.id), ...file.profiles.map((p) => p.id)]);
    const chainIds = new Set([...config.chains.map((c) => c.id), ...file.chains.map((c) => c.id)]);
    file.profiles.forEach((profile, i) => {
      try {
        resolveProviderKey(profile.providerKey);
      } catch {
        problems.push(`profiles.${i} (${profile.name}): unknown provider "${profile.providerKey}"`);
      }
    });
    file.chains.forEach((chain, i) => {
      chain.targets.forEach((target, j) => {
        if (!profileIds.has(target.profileId)) problems.push(`chains.${i}.targets.${j} (${chain.name}): refers to a profile that is neither in the file nor here`);
      });
    });
    file.routes.forEach((route, i) => {
      if (!chainIds.has(route.chainId)) problems.push(`routes.${i} (hint:${route.hint}): points to a chain that does not exist`);
    });
    if (problems.length === 0) {
      const next = structuredClone(config);
      const needKeys: string[] = [];
      for (const incoming of file.profiles) {
        const existing = next.profiles.find((p) => p.id === incoming.id);
        const keySlots = existing?.keySlots ?? [];
        if (incoming.keySlots.length > 0 && keySlots.length === 0) needKeys.push(incoming.name);
        const merged = { ...incoming, keySlots };
        if (existing) next.profiles[next.profiles.indexOf(existing)] = merged;
        else next.profiles.push(merged);
      }
      for (const chain of file.chains) next.chains = [...next.chains.filter((c) => c.id !== chain.id), chain];
      for (const route of file.routes) next.routes = [...next.routes.filter((r) => r.id !== route.id && r.hint !== route.hint), route];
      if (file.settings) next.settings = file.settings;
      return { config: next, summary: { profiles: file.profiles.length, chains: file.chains.length, routes: file.routes.length, needKeys } };
    }
  }
  throw new AppError('invalid_import', `The file cannot be imported (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${problems.join('; ')}`, { problems });
}
