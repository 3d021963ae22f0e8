// Chains and routes from the config store, turned into the resilient engine's targets, plus their
// validation, the route preview and the dry run with injected faults.
import { createHash, randomUUID } from 'node:crypto';
import type { AttemptTrace, Capability, Target } from '../../shared/types';
import type { HostContext } from '../host/context';
import type { Chain, Config, Profile, Route } from '../config/schema';
import { ChainPolicy } from '../config/schema';
import { AppError } from '../errors';
import { resolveProviderKey } from '../providers/catalog';
import { capabilityWarnings } from '../model-info/chain-requirements';
import { FaultyProvider, type Fault } from '../providers/faults';
import type { Clock } from '../clock';
import { reliableStream, type ChainTarget } from '../providers/reliable';
import { CooldownRegistry, sharedCooldowns, type CoolingTarget } from '../providers/cooldown';
import { collectStream } from '../providers/collect';
import { providerForProfile } from './profile-provider';

export interface ChainInput {
  id?: string;
  name: string;
  targets: Array<{ profileId: string; model: string; fallbackModels?: string[] }>;
  policy?: Partial<Chain['policy']>;
  requires?: Capability[];
}

/** Every problem with a chain, in words a user can act on. */
export function validateChain(config: Config, chain: ChainInput): string[] {
  const problems: string[] = [];
  if (!chain.name.trim()) problems.push('Give the chain a name.');
  if (config.chains.some((c) => c.id !== chain.id && c.name.toLowerCase() === chain.name.trim().toLowerCase()))
    problems.push(`Another chain is already called "${chain.name.trim()}".`);
  if (chain.targets.length === 0) problems.push('Add at least one target: a chain with no targets can never answer.');
  chain.targets.forEach((target, i) => {
    const profile = config.profiles.find((p) => p.id === target.profileId);
    if (!profile) problems.push(`Target ${i + 1} uses a profile that no longer exists; pick another or remove the target.`);
    if (!target.model.trim()) problems.push(`Target ${i + 1} has no model.`);
  });
  return problems;
}

export function validateRoutes(config: Config): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const route of config.routes) {
    if (seen.has(route.hint)) problems.push(`The hint "${route.hint}" is used by two routes; the second would never be reached.`);
    seen.add(route.hint);
    if (!config.chains.some((c) => c.id === route.chainId))
      problems.push(`The route hint:${route.hint} points to a chain that no longer exists.`);
  }
  return problems;
}

export async function saveChain(ctx: HostContext, input: ChainInput): Promise<Chain> {
  let saved: Chain | undefined;
  await ctx.config.update((config) => {
    const problems = validateChain(config, input);
    if (problems.length > 0) throw new AppError('invalid_chain', problems.join(' '), { problems });
    const now = Date.now();
    const existing = input.id ? config.chains.find((c) => c.id === input.id) : undefined;
    const chain: Chain = {
      id: existing?.id ?? randomUUID(),
      name: input.name.trim(),
      targets: input.targets.map((t) => ({
        profileId: t.profileId,
        model: t.model.trim(),
        fallbackModels: (t.fallbackModels ?? []).map((m) => m.trim()).filter(Boolean),
      })),
      policy: ChainPolicy.parse({ ...existing?.policy, ...input.policy }),
      requires: [...new Set(input.requires ?? existing?.requires ?? [])],
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    config.chains = existing ? config.chains.map((c) => (c.id === chain.id ? chain : c)) : [...config.chains, chain];
    saved = chain;
  });
  return saved!;
}

export async function deleteChain(ctx: HostContext, id: string): Promise<void> {
  await ctx.config.update((config) => {
    const routes = config.routes.filter((r) => r.chainId === id);
    if (routes.length > 0)
      throw new AppError(
        'in_use',
        `Routes ${routes.map((r) => `hint:${r.hint}`).join(', ')} use this chain; point them elsewhere or delete them first.`,
      );
    config.chains = config.chains.filter((c) => c.id !== id);
  });
}

export async function saveRoute(ctx: HostContext, input: { id?: string; hint: string; chainId: string }): Promise<Route> {
  const hint = input.hint.trim().replace(/^hint:/, '');
  if (!/^[A-Za-z0-9_.-]+$/.test(hint))
    throw new AppError('invalid_input', 'A hint is one word: letters, digits, dot, dash or underscore (used as "hint:<word>").');
  let saved: Route | undefined;
  await ctx.config.update((config) => {
    if (!config.chains.some((c) => c.id === input.chainId))
      throw new AppError('invalid_input', 'That route points to a chain that does not exist.');
    if (config.routes.some((r) => r.hint === hint && r.id !== input.id))
      throw new AppError('invalid_input', `The hint "${hint}" is already routed; edit that route instead.`);
    const route: Route = { id: input.id ?? randomUUID(), hint, chainId: input.chainId };
    config.routes = [...config.routes.filter((r) => r.id !== route.id), route];
    saved = route;
  });
  return saved!;
}

/** Which chain a model string goes to: "hint:<name>" picks a route; anything else is no route. */
export function previewRoute(config: Config, modelString: string): { chain?: Chain; route?: Route; message: string } {
  const text = modelString.trim();
  if (!text.startsWith('hint:')) return { message: `"${text}" is not a route hint; write hint:<name> to use a route.` };
  const hint = text.slice('hint:'.length);
  const route = config.routes.find((r) => r.hint === hint);
  if (!route)
    return { message: `No route is called "${hint}". Known hints: ${config.routes.map((r) => r.hint).join(', ') || 'none yet'}.` };
  const chain = config.chains.find((c) => c.id === route.chainId);
  if (!chain) return { route, message: `hint:${hint} points to a chain that no longer exists.` };
  const first = chain.targets[0];
  return { chain, route, message: `hint:${hint} → chain "${chain.name}"${first ? `, first target ${first.model}` : ''}.` };
}

export async function chainOf(ctx: HostContext, target: Exclude<Target, { kind: 'profile' }>): Promise<Chain> {
  const config = await ctx.config.read();
  if (target.kind === 'chain') {
    const chain = config.chains.find((c) => c.id === target.chainId);
    if (!chain) throw new AppError('not_found', 'That chain no longer exists; it may have been deleted. Pick another target.');
    return chain;
  }
  const preview = previewRoute(config, `hint:${target.hint}`);
  if (!preview.chain) throw new AppError('not_found', preview.message);
  return preview.chain;
}

/**
 * What the circuit breaker's verdict on a profile depends on: its provider, keys (each slot's
 * hint and time of change), base URL, headers and options. Any change makes a new revision, and
 * the breaker forgets what it learned about the old one: a user who fixed the key sees it used.
 */
export function profileRevision(profile: Profile): string {
  const { providerKey, baseUrl, extraHeaders, options, keySlots } = profile;
  return createHash('sha256')
    .update(JSON.stringify([providerKey, baseUrl ?? null, extraHeaders, options, keySlots]))
    .digest('base64url')
    .slice(0, 16);
}

/** The engine's targets for a saved chain: providers open lazily, one per key slot. */
async function engineTargets(ctx: HostContext, chain: Chain): Promise<{ targets: ChainTarget[]; local: boolean }> {
  const config = await ctx.config.read();
  let local = true;
  const targets = chain.targets.map((t) => {
    const profile = config.profiles.find((p) => p.id === t.profileId);
    if (!profile) throw new AppError('not_found', `Chain "${chain.name}" uses a profile that no longer exists; edit the chain.`);
    local &&= resolveProviderKey(profile.providerKey).entry.local;
    return {
      profileId: profile.id,
      label: profile.name,
      model: t.model,
      fallbackModels: t.fallbackModels,
      keySlots: profile.keySlots.length > 0 ? profile.keySlots.map((s) => s.slot) : [undefined],
      revision: profileRevision(profile),
      open: async (slot: number | undefined) => (await providerForProfile(ctx, profile.id, slot)).provider,
    };
  });
  return { targets, local };
}

/** A saved chain, or the chain a route points to, with the engine's targets for it. */
export async function openChain(
  ctx: HostContext,
  target: Exclude<Target, { kind: 'profile' }>,
): Promise<{ chain: Chain; targets: ChainTarget[]; local: boolean }> {
  const chain = await chainOf(ctx, target);
  return { chain, ...(await engineTargets(ctx, chain)) };
}

export interface DryRunResult {
  ok: boolean;
  answeredBy?: string;
  text: string;
  error?: string;
  attempts: AttemptTrace[];
  /** Time the chain would have spent waiting (backoff, Retry-After), without actually waiting. */
  simulatedWaitMs: number;
  /** Targets that lack, or have not shown, a capability the chain requires. */
  capabilityWarnings: string[];
}

/** A fault script whose calls take simulated time, so a dry run's timeline shows durations. */
class TimedFaultyProvider extends FaultyProvider {
  constructor(
    label: string,
    private readonly faults: Fault[],
    private readonly advance: (ms: number) => void,
    private readonly attemptTimeoutMs: number | undefined,
  ) {
    super(label, faults);
  }

  override stream(request: Parameters<FaultyProvider['stream']>[0]): ReturnType<FaultyProvider['stream']> {
    this.advance(simulatedLatency(this.faults[Math.min(this.calls.length, this.faults.length - 1)], this.attemptTimeoutMs));
    return super.stream(request);
  }
}

/** How long a dry run's call seems to take: an answer ~0.8 s, a quick error 0.2 s, a timeout the whole attempt timeout. */
function simulatedLatency(fault: Fault | undefined, attemptTimeoutMs: number | undefined): number {
  if (!fault || fault.kind === 'ok') return 800;
  if (fault.kind === 'cut') return 400;
  if (fault.kind === 'hang' || (fault.kind === 'error' && fault.errorClass === 'timeout')) return attemptTimeoutMs ?? 30_000;
  return 200;
}

const typicalJitter = (): number => 0.5;

/**
 * Runs the real chain logic with faults injected per target (one script per target, call by call)
 * and a simulated clock: no tokens are spent and no time is waited.
 */
export async function dryRunChain(ctx: HostContext, chainId: string, faults: Fault[][]): Promise<DryRunResult> {
  const chain = await chainOf(ctx, { kind: 'chain', chainId });
  const config = await ctx.config.read();
  let now = 0;
  let waited = 0;
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => {
      waited += ms;
      now += ms;
    },
  };
  const targets: ChainTarget[] = chain.targets.map((t, i) => {
    const profile = config.profiles.find((p) => p.id === t.profileId);
    const label = profile?.name ?? `Target ${i + 1}`;
    const provider = new TimedFaultyProvider(
      label,
      faults[i]?.length ? faults[i]! : [{ kind: 'ok', text: `Answer from ${label}` }],
      (ms) => (now += ms),
      chain.policy.attemptTimeoutMs,
    );
    return {
      profileId: t.profileId,
      label,
      model: t.model,
      fallbackModels: t.fallbackModels,
      keySlots: profile?.keySlots.length ? profile.keySlots.map((s) => s.slot) : [undefined],
      open: async () => provider,
    };
  });
  const warnings = await capabilityWarnings(ctx, chain, config);
  // A private breaker: a dry run must not cool down the real targets. The jitter is fixed at the
  // middle of its window so a dry run shows the typical wait and the same run draws the same way
  // each time (Math.random could draw a 0 ms wait and hide the retry's backoff).
  const stream = reliableStream(
    targets,
    { messages: [{ role: 'user', content: 'dry run' }] },
    { ...chain.policy, attemptTimeoutMs: undefined },
    { clock, random: typicalJitter, cooldowns: new CooldownRegistry(clock.now) },
  );
  try {
    const response = await collectStream(stream, chain.targets[0]?.model ?? '');
    const winner = stream.attempts.findLast((a) => a.outcome === 'success');
    return {
      ok: true,
      answeredBy: winner ? `${winner.provider} · ${winner.model}` : undefined,
      text: response.text,
      attempts: stream.attempts,
      simulatedWaitMs: waited,
      capabilityWarnings: warnings,
    };
  } catch (error) {
    return {
      ok: false,
      text: '',
      error: (error as Error).message,
      attempts: stream.attempts,
      simulatedWaitMs: waited,
      capabilityWarnings: warnings,
    };
  }
}

/**
 * Targets the breaker is skipping now. A target whose profile changed since it failed (a new key,
 * another base URL) or was deleted is forgotten here, so the page never shows a stale cooldown.
 */
export async function coolingTargets(ctx: HostContext, cooldowns: CooldownRegistry = sharedCooldowns): Promise<CoolingTarget[]> {
  const { profiles } = await ctx.config.read();
  const revisions = new Map(profiles.map((p) => [p.id, profileRevision(p)]));
  for (const target of cooldowns.cooling()) {
    const current = revisions.get(target.profileId);
    if (current === undefined) cooldowns.forgetProfile(target.profileId);
    else if (target.revision !== undefined && target.revision !== current) cooldowns.forgetProfile(target.profileId, current);
  }
  return cooldowns.cooling();
}

/** "Retry now": the next call starts on this target again instead of skipping it. */
export function retryTargetNow(key: string, cooldowns: CooldownRegistry = sharedCooldowns): void {
  if (!cooldowns.clear(key)) throw new AppError('not_found', 'That target is no longer cooling down; it will be tried on the next call.');
}
