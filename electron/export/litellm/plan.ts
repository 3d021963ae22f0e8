// Chains and routes as LiteLLM model groups. Each chain becomes one group per attempt, in the order
// Switchyard's engine tries them (target models first, then each target's fallback models): the
// first group carries the chain's name, the others are its `fallbacks`, so every attempt keeps the
// chain's own retry, timeout and cooldown settings. A route becomes a `model_group_alias`
// `hint:<name>` → chain. Every note is placed as a comment where it applies.
import type { Config, Profile } from '../../config/schema';
import { attemptPlan } from '../../providers/reliable';
import { envWord, groupSlug, plainText, quoted, UniqueNames } from './names';
import { exportPolicies, type ExportedChain } from './policy';
import { exportProfile, type ProfileExport, type ProfileRoute } from './providers';
import { ALL_CHAINS, type Deployment, type EnvVar, type Note } from './types';

export interface Fallback {
  from: string;
  to: string[];
  comment?: string;
}

export interface ExportPlan {
  deployments: Deployment[];
  chains: ExportedChain[];
  routes: number;
  routerSettings: Record<string, unknown>;
  /** Inline comments on router_settings keys. */
  routerComments: Record<string, string>;
  /** Comment lines above router_settings and above model_group_alias. */
  routerNotes: string[];
  aliasNotes: string[];
  fallbacks: Fallback[];
  aliases: Record<string, string>;
  envVars: EnvVar[];
  /** Every note, once; each is also a comment somewhere in the file (the rest go to the header). */
  notes: Note[];
  headerNotes: string[];
}

interface Step {
  profile: Profile;
  model: string;
  label: string;
  route: ProfileRoute;
}

export const MASTER_KEY_VAR = 'LITELLM_MASTER_KEY';

const noteLine = (note: Note) => `${note.where}: ${note.text}`;

export function planExport(config: Config): ExportPlan {
  const notes: Note[] = [];
  const addNote = (note: Note) => {
    if (!notes.some((n) => n.where === note.where && n.text === note.text)) notes.push(note);
  };

  const envNames = new UniqueNames('_');
  const envBases = new Map(
    config.profiles.map((p, i) => [p.id, envNames.take(envWord(p.name) && `SWITCHYARD_${envWord(p.name)}`, `SWITCHYARD_PROFILE_${i + 1}`)]),
  );
  const profileExports = new Map<string, ProfileExport>();
  const exportOf = (profile: Profile) => {
    if (!profileExports.has(profile.id)) profileExports.set(profile.id, exportProfile(profile, envBases.get(profile.id)!));
    return profileExports.get(profile.id)!;
  };

  const groupNames = new UniqueNames('-');
  const chains: Array<ExportedChain & { steps: Step[] }> = [];
  config.chains.forEach((chain, index) => {
    const where = `chain ${quoted(chain.name)}`;
    const steps: Step[] = [];
    for (const { target, model } of attemptPlan(chain.targets.map((t, i) => ({ ...t, number: i + 1 })))) {
      const label = `target ${target.number}${model === target.model ? '' : ', fallback model'}`;
      const profile = config.profiles.find((p) => p.id === target.profileId);
      if (!profile) {
        addNote({ where, text: `Target ${target.number} uses a profile that no longer exists; it is left out.` });
        continue;
      }
      const exported = exportOf(profile);
      if ('unsupported' in exported) {
        addNote({ where, text: `${quoted(profile.name)} · ${plainText(model)} (${label}) is left out: ${exported.unsupported}.` });
        continue;
      }
      steps.push({ profile, model, label, route: exported });
    }
    if (steps.length === 0) {
      addNote({
        where,
        text:
          chain.targets.length === 0
            ? 'has no targets, so it is not exported.'
            : 'none of its targets can be called from a gateway, so it is not exported.',
      });
      return;
    }
    const first = groupNames.take(groupSlug(chain.name), `chain-${index + 1}`);
    chains.push({
      chainId: chain.id,
      chainName: chain.name,
      policy: chain.policy,
      steps,
      groups: steps.map((_, k) => (k === 0 ? first : `${first}/attempt-${k + 1}`)),
    });
  });

  const policy = chains.length > 0 ? exportPolicies(chains) : { routerSettings: {}, comments: {}, deploymentParams: new Map(), notes: [] };
  policy.notes.forEach(addNote);
  // The proxy's address can carry a user and password, so only its presence is mentioned.
  if (config.settings.proxyUrl?.trim())
    addNote({
      where: ALL_CHAINS,
      text: 'Switchyard sends requests through the HTTP proxy set in its Settings; LiteLLM uses one only if HTTPS_PROXY (and NO_PROXY) are set on the gateway.',
    });

  const placed = new Set<Note>();
  const place = (selected: Note[]) => {
    selected.forEach((n) => placed.add(n));
    return selected.map((n) => n.text);
  };

  const envVars: EnvVar[] = [];
  const deployments: Deployment[] = [];
  for (const chain of chains) {
    const where = `chain ${quoted(chain.chainName)}`;
    const own = policy.deploymentParams.get(chain.chainId) ?? {};
    chain.steps.forEach((step, k) => {
      const { route, profile, model } = step;
      const profileWhere = `profile ${quoted(profile.name)}`;
      for (const text of route.notes) addNote({ where: profileWhere, text });
      const many = route.credentials.length > 1;
      if (many)
        addNote({
          where: profileWhere,
          text: `rotates its ${route.credentials.length} keys at once on a rate limit or a rejected key; here each key is a deployment of the same group with an order, and LiteLLM moves to the next key only once a key is cooling down.`,
        });
      for (const envVar of route.envVars) if (!envVars.some((v) => v.name === envVar.name)) envVars.push(envVar);
      const comments = [
        ...(k === 0
          ? [
              `Chain ${quoted(chain.chainName)}: ${chain.groups.length} attempt${chain.groups.length === 1 ? '' : 's'} in order, ${chain.groups.join(' → ')}`,
              ...place(notes.filter((n) => n.where === where)),
            ]
          : []),
        `Attempt ${k + 1} of ${chain.groups.length}: ${quoted(profile.name)} · ${plainText(model)} (${step.label})`,
        ...place(notes.filter((n) => n.where === profileWhere)).map((text) => `${quoted(profile.name)}: ${text}`),
      ];
      const price = Object.hasOwn(config.settings.prices, model) ? config.settings.prices[model] : undefined;
      route.credentials.forEach((credential, slot) => {
        deployments.push({
          modelName: chain.groups[k]!,
          params: {
            ...route.paramsFor(model),
            ...credential,
            ...(many && { order: slot + 1 }),
            ...(price && { input_cost_per_token: price.inputPerMTok / 1e6, output_cost_per_token: price.outputPerMTok / 1e6 }),
            ...own,
          },
          comments: slot === 0 ? comments : [],
          ...(route.credentialComment && { inline: { api_key: route.credentialComment } }),
        });
      });
    });
  }

  const aliases: Record<string, string> = {};
  const fallbacks: Fallback[] = chains.filter((c) => c.groups.length > 1).map((c) => ({ from: c.groups[0]!, to: c.groups.slice(1) }));
  let routes = 0;
  for (const route of config.routes) {
    const chain = chains.find((c) => c.chainId === route.chainId);
    const alias = `hint:${route.hint}`;
    if (!chain) {
      addNote({
        where: `route ${plainText(alias)}`,
        text: config.chains.some((c) => c.id === route.chainId)
          ? 'its chain is not exported, so neither is the route.'
          : 'points to a chain that no longer exists; it is left out.',
      });
      continue;
    }
    aliases[alias] = chain.groups[0]!;
    routes += 1;
    // LiteLLM looks fallbacks up by the name a request asks for, not by the group an alias leads
    // to (BerriAI/litellm#10317), so the route repeats its chain's fallbacks under its own name.
    if (chain.groups.length > 1)
      fallbacks.push({
        from: alias,
        to: chain.groups.slice(1),
        comment: `the same fallbacks under the route's name: LiteLLM looks them up by the name asked for (BerriAI/litellm#10317)`,
      });
  }
  envVars.push({
    name: MASTER_KEY_VAR,
    purpose: 'the key your team sends to the gateway (general_settings.master_key); any long random value starting with sk-',
  });

  const routerNotes = place(notes.filter((n) => n.where === ALL_CHAINS));
  const routeNotes = notes.filter((n) => n.where.startsWith('route '));
  place(routeNotes);
  const aliasNotes = routeNotes.map(noteLine);
  const headerNotes = notes.filter((n) => !placed.has(n)).map(noteLine);

  return {
    deployments,
    chains,
    routes,
    routerSettings: policy.routerSettings,
    routerComments: policy.comments,
    routerNotes,
    aliasNotes,
    fallbacks,
    aliases,
    envVars,
    notes,
    headerNotes,
  };
}
