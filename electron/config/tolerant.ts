// Reading config.json entry by entry: one broken profile, chain or route is left out with a
// problem the user can see, and set aside to be written back untouched, instead of the whole
// file being refused (and every profile hidden) because of it.
import type { z } from 'zod';
import { Chain, CURRENT_SCHEMA_VERSION, GatewaySettings, Profile, Route, Settings, type Config } from './schema';

export type Section = 'profiles' | 'chains' | 'routes';

export interface ConfigProblem {
  section: Section;
  /** Position in the file's list. */
  index: number;
  id?: string;
  name?: string;
  problem: string;
}

/** Broken entries as they were in the file, by section. */
export type SetAside = Record<Section, unknown[]>;

const SECTIONS: Record<Section, z.ZodType> = { profiles: Profile, chains: Chain, routes: Route };

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(entry)'}: ${issue.message}`)
    .join('; ');
}

function label(entry: unknown): { id?: string; name?: string } {
  if (!entry || typeof entry !== 'object') return {};
  const { id, name, hint } = entry as Record<string, unknown>;
  return {
    ...(typeof id === 'string' && { id: id.slice(0, 80) }),
    ...(typeof (name ?? hint) === 'string' && { name: String(name ?? hint).slice(0, 80) }),
  };
}

export type TolerantResult =
  | { ok: true; config: Config; setAside: SetAside; problems: ConfigProblem[]; settingsProblem?: string }
  | { ok: false; reason: string };

export function parseTolerantly(raw: unknown): TolerantResult {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'not a configuration object' };
  const data = raw as Record<string, unknown>;
  if (data.schemaVersion !== CURRENT_SCHEMA_VERSION)
    return { ok: false, reason: `schemaVersion: expected ${CURRENT_SCHEMA_VERSION}, found ${JSON.stringify(data.schemaVersion)}` };
  const setAside: SetAside = { profiles: [], chains: [], routes: [] };
  const problems: ConfigProblem[] = [];
  const kept: Record<Section, unknown[]> = { profiles: [], chains: [], routes: [] };
  for (const section of Object.keys(SECTIONS) as Section[]) {
    const list = data[section] ?? [];
    if (!Array.isArray(list)) return { ok: false, reason: `${section}: expected a list` };
    list.forEach((entry, index) => {
      const parsed = SECTIONS[section].safeParse(entry);
      if (parsed.success) kept[section].push(parsed.data);
      else {
        setAside[section].push(entry);
        problems.push({ section, index, ...label(entry), problem: describe(parsed.error) });
      }
    });
  }
  const settings = Settings.safeParse(data.settings ?? {});
  const gateway = GatewaySettings.safeParse(data.gateway ?? {});
  // Unusable settings or gateway settings fall back to defaults (the store keeps a copy of the file).
  const settingsProblems = [
    !settings.success && `settings.${describe(settings.error)}`,
    !gateway.success && `gateway.${describe(gateway.error)}`,
  ].filter(Boolean);
  const config: Config = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    profiles: kept.profiles as Config['profiles'],
    chains: kept.chains as Config['chains'],
    routes: kept.routes as Config['routes'],
    settings: settings.success ? settings.data : Settings.parse({}),
    gateway: gateway.success ? gateway.data : GatewaySettings.parse({}),
  };
  return { ok: true, config, setAside, problems, ...(settingsProblems.length > 0 && { settingsProblem: settingsProblems.join('; ') }) };
}

/** What is written: the configuration, with the set-aside entries back in their lists, untouched. */
export function withSetAside(config: Config, setAside: SetAside): unknown {
  return {
    ...config,
    profiles: [...config.profiles, ...setAside.profiles],
    chains: [...config.chains, ...setAside.chains],
    routes: [...config.routes, ...setAside.routes],
  };
}
