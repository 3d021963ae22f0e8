// A chain's retry policy (config/schema.ts ChainPolicy) in LiteLLM's router terms. LiteLLM's router
// settings are global; where chains differ, the per-group and per-deployment settings LiteLLM has
// carry the difference (model_group_retry_policy, litellm_params.timeout and cooldown_time), and
// what has no place at all becomes a note. See docs/team-gateway.md for the field-by-field table.
import type { Chain } from '../../config/schema';
import { quoted } from './names';
import { ALL_CHAINS, type ChainGroups, type LitellmParams, type Note } from './types';

type Policy = Chain['policy'];

export interface ExportedChain extends ChainGroups {
  policy: Policy;
}

export interface PolicyExport {
  /** router_settings keys for retries, cooldown and timeouts (fallbacks and aliases come later). */
  routerSettings: Record<string, unknown>;
  /** Inline comments on router_settings keys. */
  comments: Record<string, string>;
  /** litellm_params a chain's deployments need because its policy differs from the global one. */
  deploymentParams: Map<string, LitellmParams>;
  /** Notes for all chains (ALL_CHAINS) and per chain (where: the chain). */
  notes: Note[];
}

const seconds = (ms: number) => ms / 1000;

/**
 * Retries per LiteLLM exception class, as Switchyard decides them (providers/reliable.ts decide()):
 * a rejected key, a bad request and a missing model move on at once; rate limits, server errors,
 * timeouts, network errors and unknown failures are retried.
 */
export function retryPolicy(maxRetries: number): Record<string, number> {
  return {
    AuthenticationErrorRetries: 0,
    BadRequestErrorRetries: 0,
    NotFoundErrorRetries: 0,
    ContentPolicyViolationErrorRetries: 0,
    RateLimitErrorRetries: maxRetries,
    TimeoutErrorRetries: maxRetries,
    InternalServerErrorRetries: maxRetries,
    ServiceUnavailableErrorRetries: maxRetries,
    DefaultRetries: maxRetries,
  };
}

/** The value most chains use (the first chain's on a tie): it goes global, the others override it. */
function mostCommon<T>(values: T[]): T {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best = values[0] as T;
  for (const value of values) if (counts.get(value)! > counts.get(best)!) best = value;
  return best;
}

function chainWhere(chain: ExportedChain): string {
  return `chain ${quoted(chain.chainName)}`;
}

/** One note for all chains when they agree, else one per chain; `describe` returns null for "nothing to say". */
function noteEach(chains: ExportedChain[], key: (policy: Policy) => string, describe: (policy: Policy) => string | null): Note[] {
  const keys = new Set(chains.map((c) => key(c.policy)));
  if (keys.size === 1) {
    const text = describe(chains[0]!.policy);
    return text ? [{ where: ALL_CHAINS, text: chains.length > 1 ? `Every chain ${text}` : `The chain ${text}` }] : [];
  }
  return chains.flatMap((chain) => {
    const text = describe(chain.policy);
    return text ? [{ where: chainWhere(chain), text: `This chain ${text}` }] : [];
  });
}

export function exportPolicies(chains: ExportedChain[]): PolicyExport {
  const routerSettings: Record<string, unknown> = {};
  const comments: Record<string, string> = {};
  const deploymentParams = new Map<string, LitellmParams>(chains.map((c) => [c.chainId, {}]));
  const notes: Note[] = [];

  const retries = mostCommon(chains.map((c) => c.policy.maxRetries));
  routerSettings.num_retries = retries;
  routerSettings.retry_policy = retryPolicy(retries);
  comments.retry_policy = 'Switchyard moves on at once after a rejected key, a bad request or a missing model, and retries the rest';
  const ownRetries = chains.filter((c) => c.policy.maxRetries !== retries);
  // One object per chain: the YAML writer turns its repeats into an anchor and aliases.
  if (ownRetries.length > 0) {
    routerSettings.model_group_retry_policy = Object.fromEntries(
      ownRetries.flatMap((c) => {
        const shared = retryPolicy(c.policy.maxRetries);
        return c.groups.map((group) => [group, shared]);
      }),
    );
  }

  // LiteLLM has one allowed_fails for the whole gateway; chains that differ can only be noted.
  const allowedFails = mostCommon(chains.map((c) => c.policy.failureThreshold));
  routerSettings.allowed_fails = allowedFails;
  comments.allowed_fails =
    'Switchyard: failed calls in a row of one profile, model and key; LiteLLM: failures of one deployment within a minute';
  for (const chain of chains.filter((c) => c.policy.failureThreshold !== allowedFails)) {
    notes.push({
      where: chainWhere(chain),
      text: `This chain cools a target down after ${chain.policy.failureThreshold} failures in a row; LiteLLM has one allowed_fails for the whole gateway (${allowedFails} here).`,
    });
  }

  const cooldown = mostCommon(chains.map((c) => c.policy.cooldownMs));
  routerSettings.cooldown_time = seconds(cooldown);
  for (const chain of chains.filter((c) => c.policy.cooldownMs !== cooldown))
    deploymentParams.get(chain.chainId)!.cooldown_time = seconds(chain.policy.cooldownMs);

  // A global timeout would also bind chains that have none, so it is global only when all agree.
  const timeouts = new Set(chains.map((c) => c.policy.attemptTimeoutMs));
  if (timeouts.size === 1 && chains[0]!.policy.attemptTimeoutMs !== undefined)
    routerSettings.timeout = seconds(chains[0]!.policy.attemptTimeoutMs);
  else
    for (const chain of chains)
      if (chain.policy.attemptTimeoutMs !== undefined)
        deploymentParams.get(chain.chainId)!.timeout = seconds(chain.policy.attemptTimeoutMs);

  notes.push(
    {
      where: ALL_CHAINS,
      text: 'Cooldown: Switchyard counts failed calls in a row per profile, model and key slot (after their retries, and only outages, not a rejected key or a bad request), shares that across chains, and lets one call probe when the cooldown ends; LiteLLM counts failures per deployment within a minute and simply ends the cooldown.',
    },
    {
      where: ALL_CHAINS,
      text: 'Per error class: Switchyard also moves on at once from a rate limit that says the quota is used up, and shortens a conversation that overflows the context window once before moving on; LiteLLM cannot tell a quota from a rate limit and does not shorten conversations.',
    },
    {
      where: ALL_CHAINS,
      text: 'Streaming: Switchyard falls back only before the first token of a streamed answer and never after it, so an answer is never repeated or mixed; LiteLLM has no setting for this rule.',
    },
    ...noteEach(
      chains,
      (p) => `${p.baseBackoffMs}/${p.maxBackoffMs}`,
      (p) =>
        `waits between retries at random up to ${seconds(p.baseBackoffMs)} s, doubling to at most ${seconds(p.maxBackoffMs)} s; LiteLLM uses its own backoff and has no setting for the base or the cap.`,
    ),
    ...noteEach(
      chains,
      (p) => String(p.retryAfterCapMs),
      (p) => `honours a provider's Retry-After for at most ${seconds(p.retryAfterCapMs)} s; LiteLLM has no setting for that cap.`,
    ),
    ...noteEach(
      chains,
      (p) => String(p.deadlineMs),
      (p) =>
        p.deadlineMs === undefined
          ? null
          : `gives up after ${seconds(p.deadlineMs)} s in total; LiteLLM has no deadline across retries and fallbacks.`,
    ),
  );
  return { routerSettings, comments, deploymentParams, notes };
}
