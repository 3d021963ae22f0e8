// One chat request through the same engine as Chat: the model name picks a target, resolveTarget
// gives the profile or the resilient chain (retries, fallbacks, cooldowns, key rotation), and the
// answer goes back in the client's format, streamed or whole. The attempt trace goes into a
// response header and the request log.
import type http from 'node:http';
import type { GatewayLogEntry } from '../../shared/api/gateway';
import type { AttemptTrace, Target, TokenUsage } from '../../shared/types';
import type { HostContext } from '../host/context';
import { ResponseCollector } from '../providers/collect';
import type { StreamEvent } from '../providers/traits';
import type { Price } from '../services/stream/metrics';
import { priceForAttempt } from '../services/prices';
import { resolveTarget, type ResolvedTarget } from '../services/targets';
import type { ConfigSnapshot } from './config-snapshot';
import { fromEngineError, type GatewayError } from './errors';
import { resolveModelName } from './models';
import { type RequestClock, SERVER_TIMING_HEADER } from './request-clock';
import { clip } from './request-log';
import { sseWriter } from './sse-writer';
import { promptChars, reportedUsage, type ClientFormat, type ClientRequest } from './wire';

export const ATTEMPTS_HEADER = 'x-switchyard-attempts';
const MAX_ATTEMPTS_HEADER = 6000;

/** The attempts as ASCII JSON (HTTP headers carry Latin-1 at best), cut to fit a header. */
export function attemptsHeader(attempts: AttemptTrace[]): string {
  const compact = attempts.map((a) => ({
    provider: a.provider,
    model: a.model,
    outcome: a.outcome,
    ms: Math.round(a.durationMs),
    ...(a.errorClass && { errorClass: a.errorClass }),
    ...(a.status !== undefined && { status: a.status }),
  }));
  let text = JSON.stringify(compact).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (text.length > MAX_ATTEMPTS_HEADER) text = JSON.stringify({ attempts: attempts.length, truncated: true });
  return text;
}

export interface AnswerJob {
  ctx: HostContext;
  snapshot: ConfigSnapshot;
  format: ClientFormat;
  request: ClientRequest;
  res: http.ServerResponse;
  /** Aborted when the client goes away or the request timeout passes. */
  signal: AbortSignal;
  /** Set when the abort came from the gateway's timeout rather than the client. */
  timedOut: () => boolean;
  timeoutError: () => GatewayError;
  entry: GatewayLogEntry;
  logBodies: boolean;
  extraHeaders: Record<string, string>;
  /** Started when the request came in: splits its time into provider, client and the gateway's own. */
  clock: RequestClock;
}

interface Progress {
  /** The answer, kept only when the log keeps bodies; otherwise only its length is counted. */
  text: string;
  chars: number;
  usage: TokenUsage;
  ttftMs?: number;
}

/**
 * Targets resolved once per configuration: a profile's provider (with its key from the keychain)
 * is reused until the config file changes, so a request does not pay for the keychain and a
 * provider per call. Failures are not kept, so a fixed key works at once.
 */
class ResolvedTargets {
  private readonly byConfig = new WeakMap<ConfigSnapshot, Map<string, Promise<ResolvedTarget>>>();

  constructor(private readonly ctx: HostContext) {}

  get(snapshot: ConfigSnapshot, target: Target): Promise<ResolvedTarget> {
    let targets = this.byConfig.get(snapshot);
    if (!targets) this.byConfig.set(snapshot, (targets = new Map()));
    const key = JSON.stringify(target);
    let resolved = targets.get(key);
    if (!resolved) {
      resolved = resolveTarget(this.ctx, target);
      targets.set(key, resolved);
      resolved.catch(() => targets.delete(key));
    }
    return resolved;
  }
}

const resolvedTargets = (ctx: HostContext) => new ResolvedTargets(ctx);

const isToken = (event: StreamEvent) => event.type === 'text' || event.type === 'reasoning' || event.type === 'tool_call';

/**
 * `for await` over the answer's events, timing each wait for the provider's next one. Like
 * `for await`, it closes the provider's stream when the body throws (and keeps the body's error).
 */
async function eachEvent(
  events: AsyncIterable<StreamEvent>,
  clock: RequestClock,
  body: (event: StreamEvent) => Promise<void> | undefined,
): Promise<void> {
  const iterator = events[Symbol.asyncIterator]();
  for (;;) {
    const since = performance.now();
    const step = await iterator.next();
    clock.provider(since);
    if (step.done) return;
    try {
      const pending = body(step.value);
      if (pending) await pending;
    } catch (error) {
      await iterator.return?.().catch(() => undefined);
      throw error;
    }
  }
}

export async function answer(job: AnswerJob): Promise<void> {
  const { ctx, format, request, res, entry, clock } = job;
  const { target, resolvedAs } = resolveModelName(job.snapshot.config, request.model);
  entry.resolvedAs = resolvedAs;
  const resolved = await ctx.use(resolvedTargets).get(job.snapshot, target);
  const events = resolved.stream({ ...request.chat, signal: job.signal });
  const progress: Progress = { text: '', chars: 0, usage: {} };
  const meta = { id: entry.id, model: request.model, promptChars: promptChars(request.chat), includeUsage: request.includeUsage };
  const headers = () => ({
    ...job.extraHeaders,
    [ATTEMPTS_HEADER]: attemptsHeader(events.attempts),
    [SERVER_TIMING_HEADER]: clock.serverTiming(),
  });
  const track = (event: StreamEvent) => {
    if (progress.ttftMs === undefined && isToken(event)) progress.ttftMs = clock.elapsedMs();
    if (event.type === 'text' || event.type === 'reasoning') {
      progress.chars += event.delta.length;
      if (job.logBodies) progress.text += event.delta;
    } else if (event.type === 'usage') progress.usage = { ...progress.usage, ...event.usage };
  };
  try {
    if (request.stream) {
      const encoder = format.stream(meta);
      const out = sseWriter(res);
      // A slow reader's wait is the client's time, not the gateway's.
      const flush = () => {
        const draining = out.flush();
        return draining && clock.waitOnClient(draining);
      };
      try {
        const sendHeaders = () => {
          res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers() });
          out.write(encoder.start());
        };
        await eachEvent(events, clock, (event) => {
          track(event);
          // Headers wait for the first event, so that a chain that fails before answering still
          // gets a proper HTTP status instead of an error inside a 200 stream.
          if (!res.headersSent) sendHeaders();
          const backpressure = out.write(encoder.event(event));
          return backpressure && clock.waitOnClient(backpressure);
        });
        if (!res.headersSent) sendHeaders();
        out.write(encoder.end());
        await flush();
        res.end();
      } catch (error) {
        if (!res.headersSent) throw error;
        const failure = job.timedOut() ? job.timeoutError() : fromEngineError(error);
        entry.status = failure.status;
        entry.error = failure.message;
        out.write(encoder.error(failure));
        await flush();
        res.end();
      }
      entry.gatewayMs = clock.ownMs();
    } else {
      // Collected in this loop: the target's stream is already under the answer cap (tracedStream
      // and reliableStream apply it), so a second cap and a generator around it would only add
      // two promise hops per event.
      const collector = new ResponseCollector();
      await eachEvent(events, clock, (event) => {
        track(event);
        collector.add(event);
        return undefined;
      });
      const response = collector.response(request.model);
      const body = JSON.stringify(format.whole(response, meta));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers() });
      res.end(body);
      entry.gatewayMs = clock.ownMs();
    }
    entry.state = entry.error ? 'error' : 'done';
    entry.status ??= 200;
  } finally {
    entry.attempts = events.attempts;
    const winner = events.attempts.findLast((a) => a.outcome === 'success');
    if (winner) entry.answeredBy = `${winner.provider} · ${winner.model}`;
    if (progress.ttftMs !== undefined) entry.ttftMs = progress.ttftMs;
    if (job.logBodies) {
      entry.prompt = clip(request.chat.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '');
      entry.answer = clip(progress.text);
    }
    const price = !winner ? undefined : winner.model === resolved.model ? resolved.price : await priceForAttempt(ctx, winner);
    recordUsage(entry, progress, meta.promptChars, price);
  }
}

function recordUsage(entry: GatewayLogEntry, progress: Progress, promptChars: number, price: Price | undefined): void {
  if (!entry.answeredBy && !progress.chars) return;
  const usage = reportedUsage(progress.usage, { promptChars }, progress.chars);
  entry.usage = usage;
  if (progress.usage.inputTokens === undefined || progress.usage.outputTokens === undefined) entry.usageEstimated = true;
  if (price) entry.costUsd = (usage.inputTokens * price.inputPerMTok + usage.outputTokens * price.outputPerMTok) / 1_000_000;
}
