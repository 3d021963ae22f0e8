// Which target a client's model name means. `<profile>/<model>` is one profile, `chain:<name>` a
// chain, `hint:<route>` a route (the seed's router syntax); an alias maps a fixed name a tool asks
// for ("claude-sonnet-4-5-20250929", matched by "claude-sonnet-*") to any of those.
import type { Target } from '../../shared/types';
import type { Config, Profile } from '../config/schema';
import { AppError } from '../errors';

export interface ResolvedModel {
  target: Target;
  /** What the name resolved to, for the request log ("chain:Everyday", "Work OpenAI/gpt-4o"). */
  resolvedAs: string;
}

const slug = (text: string) => text.trim().toLowerCase().replace(/\s+/g, '-');

/** An alias for the name: an exact key first, then the longest "prefix*" key, then "*". */
export function aliasFor(aliases: Record<string, string>, name: string): string | undefined {
  if (Object.hasOwn(aliases, name)) return aliases[name];
  let best: { length: number; value: string } | undefined;
  for (const [key, value] of Object.entries(aliases)) {
    if (!key.endsWith('*')) continue;
    const prefix = key.slice(0, -1);
    if (name.startsWith(prefix) && (!best || prefix.length > best.length)) best = { length: prefix.length, value };
  }
  return best?.value;
}

function profileNamed(profiles: Profile[], name: string): Profile | undefined {
  const wanted = name.trim().toLowerCase();
  return (
    profiles.find((p) => p.id === name) ??
    profiles.find((p) => p.name.toLowerCase() === wanted) ??
    profiles.find((p) => slug(p.name) === slug(name))
  );
}

function unknownModel(name: string, why: string): AppError {
  return new AppError(
    'not_found',
    `The gateway has no model "${name}": ${why} Name a model as "<profile>/<model>", "chain:<name>" or "hint:<route>", or add an alias in Settings → Gateway. GET /v1/models lists what is known.`,
  );
}

export function resolveModelName(config: Config, requested: string): ResolvedModel {
  const name = requested.trim();
  if (!name) throw new AppError('invalid_input', 'The request names no model.');
  const aliased = aliasFor(config.gateway.aliases, name);
  // One level of aliasing only, so two aliases naming each other cannot loop.
  const spec = aliased?.trim() || name;
  if (spec.startsWith('chain:')) {
    const chainName = spec.slice('chain:'.length).trim();
    const chain =
      config.chains.find((c) => c.id === chainName) ?? config.chains.find((c) => c.name.toLowerCase() === chainName.toLowerCase());
    if (!chain) throw unknownModel(name, `no chain is called "${chainName}".`);
    return { target: { kind: 'chain', chainId: chain.id }, resolvedAs: `chain:${chain.name}` };
  }
  if (spec.startsWith('hint:')) {
    const hint = spec.slice('hint:'.length).trim();
    if (!config.routes.some((r) => r.hint === hint)) throw unknownModel(name, `no route has the hint "${hint}".`);
    return { target: { kind: 'route', hint }, resolvedAs: `hint:${hint}` };
  }
  // Model ids may hold slashes themselves ("openai/gpt-4o" on OpenRouter): the profile is the
  // shortest prefix that names one.
  for (let slash = spec.indexOf('/'); slash > 0; slash = spec.indexOf('/', slash + 1)) {
    const profile = profileNamed(config.profiles, spec.slice(0, slash));
    const model = spec.slice(slash + 1).trim();
    if (profile && model) return { target: { kind: 'profile', profileId: profile.id, model }, resolvedAs: `${profile.name}/${model}` };
  }
  throw unknownModel(
    name,
    aliased ? `its alias "${aliased}" names no profile, chain or route.` : 'it is not an alias and names no profile, chain or route.',
  );
}

/** The names GET /v1/models offers: aliases, chains, routes, and each profile's known models. */
export function knownModelNames(config: Config): string[] {
  const names = new Set<string>();
  for (const alias of Object.keys(config.gateway.aliases)) if (!alias.endsWith('*')) names.add(alias);
  for (const chain of config.chains) names.add(`chain:${chain.name}`);
  for (const route of config.routes) names.add(`hint:${route.hint}`);
  for (const profile of config.profiles) {
    for (const model of [profile.defaultModel, ...profile.recentModels]) if (model) names.add(`${profile.name}/${model}`);
  }
  return [...names];
}
