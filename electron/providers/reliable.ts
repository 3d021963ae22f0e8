// The resilient chain (seed-core.md §6, made better): retries per target with exponential backoff
// and full jitter, Retry-After from headers, a policy per error class, real key rotation on 429
// and 401 across a profile's key slots, a shared circuit breaker that only decides where a call may
// start, fallback models in the seed's models × providers order, pair-aware context truncation,
// streaming fallback before the first token, one AbortSignal for the whole chain, a deadline and a
// per-attempt timeout, and an attempt trace on every result and error. Clock and randomness are injected so tests never sleep.
import { DEFAULT_CHAIN_POLICY, type ChainPolicy } from '../../shared/api/chains';
import type { AttemptTrace, ErrorClass } from '../../shared/types';
import { systemClock, type Clock } from '../clock';
import { abortError } from '../errors';
import { sharedCooldowns, type BreakerTarget, type CooldownRegistry } from './cooldown';
import { classifyError, isQuotaError, ProviderError, sanitizeApiError } from '../http/errors';
import { limitAnswer } from './limits';
import type { ChatMessage, ChatRequest, Provider, StreamEvent, TracedStream } from './traits';

/** One target of a chain: a profile with its model, fallback models and key slots. */
export interface ChainTarget {
  profileId: string;
  /** Display name for traces ("Work OpenAI"). */
  label: string;
  model: string;
  fallbackModels: string[];
  /** Key slots to rotate through; [undefined] when the profile has none (env or no key). */
  keySlots: Array<number | undefined>;
  /** Changes when the profile's keys or settings change; the breaker forgets older verdicts. */
  revision?: string;
  open(keySlot: number | undefined): Promise<Provider>;
}

export interface ChainDeps {
  clock?: Clock;
  random?: () => number;
  cooldowns?: CooldownRegistry;
}

/** Backoff before retry n (0-based): full jitter over the doubling, capped window. */
export function backoffMs(policy: ChainPolicy, retry: number, random: () => number): number {
  const window = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** retry);
  return Math.round(random() * window);
}

/**
 * Drops the oldest half of the non-system turns, keeping tool calls with their results and
 * starting on a user turn (the seed could split a tool-call/result pair, seed-core.md §6.4 QUIRK).
 * Returns null when nothing can be dropped.
 */
export function truncateForContext(messages: ChatMessage[]): ChatMessage[] | null {
  const turns = messages.map((m, i) => ({ m, i })).filter(({ m }) => m.role !== 'system');
  if (turns.length <= 1) return null;
  let cut = Math.floor(turns.length / 2);
  // Move the cut forward to the next user turn so no orphaned tool result or assistant reply leads.
  while (cut < turns.length - 1 && turns[cut]!.m.role !== 'user') cut += 1;
  const dropped = new Set(turns.slice(0, cut).map(({ i }) => i));
  if (dropped.size === 0) return null;
  return messages.filter((_, i) => !dropped.has(i));
}

interface Plan<T> {
  target: T;
  model: string;
}

/**
 * The seed's order: every target's main model first, then every target's first fallback, …
 * Generic so the LiteLLM export lists a saved chain's attempts in the same order the engine tries them.
 */
export function attemptPlan<T extends Pick<ChainTarget, 'model' | 'fallbackModels'>>(targets: T[]): Array<Plan<T>> {
  const depth = Math.max(0, ...targets.map((t) => t.fallbackModels.length));
  const plan: Array<Plan<T>> = [];
  for (let level = 0; level <= depth; level += 1) {
    for (const target of targets) {
      const model = level === 0 ? target.model : target.fallbackModels[level - 1];
      if (model) plan.push({ target, model });
    }
  }
  return plan;
}

type Decision = 'retry' | 'rotate' | 'next';

function decide(errorClass: ErrorClass, message: string, hasAnotherKey: boolean): Decision {
  switch (errorClass) {
    case 'auth':
      return hasAnotherKey ? 'rotate' : 'next';
    case 'rate_limit':
      // A quota or plan 429 (insufficient_quota, Z.AI 1113/1311) is not fixed by waiting: another
      // key may belong to another account, else the next target answers at once (seed-core.md §6.3).
      if (isQuotaError(message)) return hasAnotherKey ? 'rotate' : 'next';
      return hasAnotherKey ? 'rotate' : 'retry';
    case 'server':
    case 'network':
    case 'timeout':
    case 'unknown':
      return 'retry';
    default:
      // bad_request, not_found, capability, not_available: the same request will fail the same way;
      // a fallback model or the next target may still answer.
      return 'next';
  }
}

/**
 * Whether a call that failed this way says something about the target's health. A rejected key, a
 * bad request or a quota problem is not an outage: it must not cool the target (the user fixes it,
 * and the next call should see the fix), and it costs one request, not a retry budget.
 */
function isTransient(errorClass: ErrorClass, message: string): boolean {
  if (errorClass === 'rate_limit') return !isQuotaError(message);
  return errorClass === 'server' || errorClass === 'network' || errorClass === 'timeout' || errorClass === 'unknown';
}

/**
 * Runs `request` through the chain as a stream. Before the first token, any failure moves on like
 * a plain call would; after it, the error is surfaced and the partial answer stays with the caller.
 */
export function reliableStream(
  targets: ChainTarget[],
  request: Omit<ChatRequest, 'model'>,
  policy: ChainPolicy = DEFAULT_CHAIN_POLICY,
  deps: ChainDeps = {},
): TracedStream {
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const cooldowns = deps.cooldowns ?? sharedCooldowns;
  const attempts: AttemptTrace[] = [];

  async function* run(): AsyncGenerator<StreamEvent> {
    const chainStart = clock.now();
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort();
    request.signal?.addEventListener('abort', onOuterAbort, { once: true });
    let lastError: unknown = null;
    let lastClass: ErrorClass = 'unknown';
    try {
      for (const { target, model } of attemptPlan(targets)) {
        // Every target starts from the whole conversation: it may have a bigger window than the
        // one that needed a shorter history.
        let messages = request.messages;
        let truncated = false;
        let slotIndex = 0;
        let retry = 0;
        /** The key slot whose run the breaker admitted; its retries are not asked again. */
        let admitted: BreakerTarget | null = null;
        while (slotIndex < target.keySlots.length) {
          if (controller.signal.aborted) throw abortError();
          if (policy.deadlineMs !== undefined && clock.now() - chainStart >= policy.deadlineMs) {
            throw chainFailure(`The chain's deadline of ${policy.deadlineMs} ms passed. Attempts:`, attempts, 'timeout');
          }
          const keySlot = target.keySlots[slotIndex];
          const breaker: BreakerTarget = { profileId: target.profileId, model, keySlot, revision: target.revision };
          const startedAt = clock.now();
          const base = { provider: target.label, profileId: target.profileId, model, ...(keySlot !== undefined && { keySlot }), startedAt };
          if (admitted === null) {
            const admission = cooldowns.admit(breaker);
            if (!admission.allowed) {
              const message = admission.probing
                ? 'skipped while another request checks whether it has recovered'
                : `cooling down for ${Math.ceil(admission.remainingMs / 1000)} s after repeated failures`;
              attempts.push({ ...base, durationMs: 0, outcome: 'skipped', message });
              slotIndex += 1;
              continue;
            }
            admitted = breaker;
          }
          const attemptController = new AbortController();
          const stopAttempt = () => attemptController.abort();
          controller.signal.addEventListener('abort', stopAttempt, { once: true });
          let attemptTimer: NodeJS.Timeout | undefined;
          if (policy.attemptTimeoutMs !== undefined) attemptTimer = setTimeout(stopAttempt, policy.attemptTimeoutMs);
          let firstToken = false;
          try {
            const provider = await target.open(keySlot);
            for await (const event of limitAnswer(
              provider.stream({ ...request, messages, model, signal: attemptController.signal }),
              target.label,
            )) {
              if (event.type === 'text' || event.type === 'reasoning' || event.type === 'tool_call') firstToken = true;
              yield event;
            }
            cooldowns.success(breaker);
            attempts.push({ ...base, durationMs: clock.now() - startedAt, outcome: 'success' });
            return;
          } catch (raw) {
            const userCancelled = controller.signal.aborted;
            const timedOut = !userCancelled && attemptController.signal.aborted;
            const errorClass: ErrorClass = userCancelled ? 'cancelled' : timedOut ? 'timeout' : classifyError(raw);
            const message = timedOut
              ? `No answer within the attempt timeout of ${policy.attemptTimeoutMs} ms.`
              : sanitizeApiError((raw as Error)?.message ?? String(raw));
            const status = raw instanceof ProviderError ? raw.status : undefined;
            const retryAfterMs = raw instanceof ProviderError ? raw.retryAfterMs : undefined;
            attempts.push({
              ...base,
              durationMs: clock.now() - startedAt,
              outcome: 'error',
              errorClass,
              ...(status !== undefined && { status }),
              ...(retryAfterMs !== undefined && { retryAfterMs }),
              message,
            });
            if (userCancelled) {
              cooldowns.release(breaker);
              throw abortError();
            }
            lastError = raw;
            lastClass = errorClass;
            /** This key slot's run is over: one failed call for the breaker, if the failure was transient. */
            const endRun = () => {
              if (isTransient(errorClass, message)) cooldowns.failure(breaker, policy.failureThreshold, policy.cooldownMs);
              else cooldowns.release(breaker);
              admitted = null;
            };
            if (firstToken) {
              // After the first token a fallback would repeat or contradict what the user already
              // sees; surface the error and let the caller keep the partial text.
              endRun();
              throw withAttempts(raw, attempts, errorClass);
            }
            if (errorClass === 'context_window') {
              // Shorten once and try again here; if it still does not fit, the next target (maybe a
              // bigger window) gets its turn. The seed aborted the whole chain (seed-core.md §6.3).
              const shorter = truncated ? null : truncateForContext(messages);
              if (shorter) {
                messages = shorter;
                truncated = true;
                continue;
              }
              endRun();
              break;
            }
            const decision = decide(errorClass, message, slotIndex + 1 < target.keySlots.length);
            if (decision === 'rotate') {
              endRun();
              slotIndex += 1;
              continue;
            }
            if (decision === 'next' || retry >= policy.maxRetries) {
              endRun();
              break;
            }
            const wait = Math.max(backoffMs(policy, retry, random), Math.min(retryAfterMs ?? 0, policy.retryAfterCapMs));
            retry += 1;
            await clock.sleep(wait, controller.signal);
          } finally {
            clearTimeout(attemptTimer);
            controller.signal.removeEventListener('abort', stopAttempt);
          }
        }
      }
      if (lastClass === 'context_window') {
        throw chainFailure(
          'The conversation is longer than every model in this chain accepts, even without its older turns. Start a new chat or add a model with a larger context window. Attempts:',
          attempts,
          'context_window',
        );
      }
      throw chainFailure('All providers/models failed. Attempts:', attempts, lastError ? lastClass : 'unknown');
    } finally {
      request.signal?.removeEventListener('abort', onOuterAbort);
    }
  }

  return { attempts, [Symbol.asyncIterator]: () => run() };
}

function describeAttempt(attempt: AttemptTrace, index: number): string {
  const slot = attempt.keySlot !== undefined ? ` key ${attempt.keySlot + 1}` : '';
  return `${index + 1}. ${attempt.provider} · ${attempt.model}${slot}: ${attempt.outcome === 'skipped' ? 'skipped' : (attempt.errorClass ?? attempt.outcome)}${attempt.message ? ` — ${attempt.message}` : ''}`;
}

function chainFailure(header: string, attempts: AttemptTrace[], errorClass: ErrorClass): ProviderError {
  const error = new ProviderError(`${header}\n${attempts.map(describeAttempt).join('\n')}`, { provider: 'chain', errorClass });
  error.attempts = attempts;
  return error;
}

function withAttempts(raw: unknown, attempts: AttemptTrace[], errorClass: ErrorClass): ProviderError {
  const error =
    raw instanceof ProviderError
      ? raw
      : new ProviderError((raw as Error)?.message ?? String(raw), { provider: 'chain', errorClass, cause: raw });
  error.attempts = attempts;
  return error;
}
