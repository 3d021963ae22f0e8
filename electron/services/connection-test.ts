// The connection test: four stages, each with a verdict, the scrubbed error and a next step.
//   connect    — can the host be reached at all (TCP + HTTP)?
//   auth       — is the key accepted (an authenticated model list, or the provider's key check)?
//   models     — how many models, for the picker?
//   completion — a one-token answer, with latency and time to first token; a model that reasons
//                before it answers gets room for that, or it would answer nothing.
import type { ConnectionResult, StageResult } from '../../shared/api/connection';
import type { HostContext } from '../host/context';
import { toApiError } from '../host/api-error';
import { httpDispatcher, transportError } from '../http/client';
import { classifyError, errorHint } from '../http/errors';
import { limitAnswer } from '../providers/limits';
import { thinksBeforeAnswering } from '../providers/openai-compatible/reasoning-models';
import type { FinishReason, ModelInfo, Provider } from '../providers/traits';
import { connectionResults } from './connection-results';
import type { Profile } from '../config/schema';
import { getProfile, listProfiles, resolveProfileCredential } from './profiles';
import { openProfile, providerForProfile, type OpenedProfile } from './profile-provider';
import { request } from 'undici';

const LABELS: Record<StageResult['id'], string> = {
  connect: 'Connect',
  auth: 'Key accepted',
  models: 'Model list',
  completion: 'One-token answer',
};
/** How a failed stage reads in a profile's summary ("Failed just now: Key rejected — …"). */
const FAILED_LABELS: Record<StageResult['id'], string> = {
  connect: 'Could not connect',
  auth: 'Key rejected',
  models: 'Model list failed',
  completion: 'No answer',
};
const STAGE_TIMEOUT_MS = 20_000;
/**
 * The answer budget of a model that reasons first: its thinking counts against the limit, and one
 * token is all spent thinking (platform.openai.com/docs/guides/reasoning, "Allocating space").
 */
export const REASONING_ROOM_TOKENS = 1024;

function specificHint(error: unknown): string {
  const errorClass = classifyError(error);
  const status = (error as { status?: number }).status;
  if (errorClass === 'auth' && status === 401) return '401: the key was rejected; check it belongs to this provider and was copied whole.';
  if (errorClass === 'auth' && status === 403)
    return '403: the key is valid but not allowed here; check its permissions or the organisation/project.';
  return errorHint(error);
}

/** Which credential the auth stage proved: a sign-in by name, else the key slot. */
function acceptedDetail(provider: Provider, keySlot: number | undefined): string {
  if (provider.signIn) return `The ${provider.signIn} was accepted`;
  return keySlot !== undefined ? `Key ${keySlot + 1} from the keychain was accepted` : 'Accepted';
}

export async function testConnection(ctx: HostContext, profileId: string, wantedModel?: string): Promise<ConnectionResult> {
  const profile = await getProfile(ctx, profileId);
  return runStages(
    ctx,
    { id: profileId, defaultModel: profile.defaultModel, open: () => providerForProfile(ctx, profileId), record: true },
    wantedModel,
  );
}

export interface DraftProfile {
  /** Names the test's progress events; the renderer picks it. */
  draftId: string;
  providerKey: string;
  baseUrl?: string;
  key?: string;
  defaultModel?: string;
  options?: Record<string, unknown>;
}

/** The same stages for a profile that is not saved yet, so a key can be tried before it is kept. Nothing is stored. */
export async function testDraft(ctx: HostContext, draft: DraftProfile, wantedModel?: string): Promise<ConnectionResult> {
  const profile: Profile = {
    id: draft.draftId,
    name: 'New profile',
    providerKey: draft.providerKey,
    baseUrl: draft.baseUrl,
    defaultModel: draft.defaultModel,
    recentModels: [],
    extraHeaders: {},
    options: draft.options ?? {},
    keySlots: [],
    createdAt: 0,
    updatedAt: 0,
  };
  const open = async () =>
    openProfile(ctx, profile, draft.key?.trim() ? { value: draft.key.trim() } : await resolveProfileCredential(ctx, profile));
  return runStages(ctx, { id: draft.draftId, defaultModel: draft.defaultModel, open, record: false }, wantedModel);
}

interface StageSubject {
  id: string;
  defaultModel?: string;
  open(): Promise<OpenedProfile>;
  /** Saved profiles keep their last result (the Providers page's status); drafts do not. */
  record: boolean;
}

async function runStages(ctx: HostContext, subject: StageSubject, wantedModel?: string): Promise<ConnectionResult> {
  const profileId = subject.id;
  const stages: StageResult[] = (['connect', 'auth', 'models', 'completion'] as const).map((id) => ({
    id,
    label: LABELS[id],
    verdict: 'skipped',
  }));
  const set = (id: StageResult['id'], patch: Partial<StageResult>) => {
    const stage = stages.find((s) => s.id === id)!;
    Object.assign(stage, patch);
    ctx.emit('connection.progress', { profileId, stage: { ...stage } });
  };
  const fail = (id: StageResult['id'], error: unknown, ms?: number) => {
    const shape = toApiError(error);
    const errorClass = classifyError(error);
    set(id, { verdict: 'fail', ms, error: shape.message, errorClass, hint: specificHint(error) });
  };
  const result: ConnectionResult = { profileId, ok: false, at: Date.now(), stages, models: [] };
  const finish = async () => {
    result.ok =
      stages.every((s) => s.verdict === 'pass' || s.verdict === 'warn' || s.verdict === 'skipped') &&
      stages.some((s) => s.id === 'completion' && s.verdict === 'pass');
    const failed = stages.find((s) => s.verdict === 'fail');
    if (!subject.record) return result;
    await ctx.use(connectionResults).record(profileId, {
      at: result.at,
      ok: result.ok,
      summary: result.ok
        ? `All stages passed${result.latencyMs !== undefined ? ` in ${Math.round(result.latencyMs)} ms` : ''}`
        : `${failed ? FAILED_LABELS[failed.id] : 'Test failed'} — ${failed?.hint ?? failed?.error ?? 'see details'}`,
      ...(result.latencyMs !== undefined && { latencyMs: result.latencyMs }),
    });
    return result;
  };

  let opened;
  try {
    opened = await subject.open();
  } catch (error) {
    fail('connect', error);
    return finish();
  }
  const { provider } = opened;
  const signal = AbortSignal.timeout(STAGE_TIMEOUT_MS);

  // connect: any HTTP answer from the server's origin proves it is reachable.
  // Every HTTP adapter exposes where it sends requests; CLI-backed ones do not.
  const endpoint = (provider as { baseUrl?: unknown }).baseUrl;
  const baseUrl = typeof endpoint === 'string' && /^https?:/.test(endpoint) ? endpoint : undefined;
  if (baseUrl) {
    set('connect', { verdict: 'running' });
    const started = performance.now();
    try {
      const response = await request(new URL(baseUrl).origin, { method: 'GET', dispatcher: httpDispatcher(ctx.env), signal });
      await response.body.dump();
      // Any answer proves the server is there; an API's root often answers 404, which is no fault.
      const host = new URL(baseUrl).host;
      set('connect', {
        verdict: 'pass',
        ms: performance.now() - started,
        detail:
          response.statusCode < 400
            ? `Reached ${host}`
            : `Reached ${host} (its root page answers ${response.statusCode}, as API servers often do)`,
      });
    } catch (error) {
      fail('connect', transportError(provider.displayName, baseUrl, error, signal), performance.now() - started);
      return finish();
    }
  } else {
    set('connect', { verdict: 'skipped', detail: 'This provider has no HTTP endpoint to probe.' });
  }

  // auth + models: an authenticated model list.
  set('auth', { verdict: 'running' });
  const listStarted = performance.now();
  try {
    // Where the model list needs no key (OpenRouter), a key check must pass first.
    await provider.verifyKey?.(signal);
    const models: ModelInfo[] = await provider.listModels(signal);
    const ms = performance.now() - listStarted;
    set('auth', { verdict: 'pass', ms, detail: acceptedDetail(provider, opened.keySlot) });
    result.models = models.map((m) => m.id);
    set('models', {
      verdict: models.length > 0 ? 'pass' : 'warn',
      ms,
      detail:
        models.length > 0
          ? `${models.length} model${models.length === 1 ? '' : 's'} available`
          : 'The provider listed no models; type a model name by hand.',
    });
  } catch (error) {
    const errorClass = classifyError(error);
    if (errorClass === 'auth' || errorClass === 'network' || errorClass === 'timeout') {
      fail('auth', error, performance.now() - listStarted);
      return finish();
    }
    // No model list on this server (404 and the like): the completion stage will check the key.
    set('auth', { verdict: 'warn', detail: 'Could not check the key with a model list; the answer below checks it.' });
    set('models', {
      verdict: 'warn',
      error: toApiError(error).message,
      detail: 'This server has no model list; type a model name by hand.',
    });
  }

  // completion: one token.
  const model = wantedModel?.trim() || subject.defaultModel || result.models[0];
  if (!model) {
    set('completion', { verdict: 'skipped', detail: 'Pick a model (or set a default model) to test an answer.' });
    return finish();
  }
  result.model = model;
  set('completion', { verdict: 'running', detail: model });
  const thinks = thinksBeforeAnswering(model);
  const maxTokens = thinks ? REASONING_ROOM_TOKENS : 1;
  const room = thinks ? ` ${model} reasons before it answers, so it had up to ${REASONING_ROOM_TOKENS} tokens instead of 1.` : '';
  const started = performance.now();
  let firstToken: number | undefined;
  let answered = false;
  let finishReason: FinishReason = 'unknown';
  try {
    for await (const event of limitAnswer(
      provider.stream({ model, messages: [{ role: 'user', content: 'Reply with the single word: ok' }], maxTokens, signal }),
      provider.displayName,
    )) {
      if ((event.type === 'text' || event.type === 'reasoning') && firstToken === undefined) firstToken = performance.now() - started;
      if (event.type === 'text' && event.delta.trim()) answered = true;
      if (event.type === 'done') finishReason = event.finishReason;
    }
    result.latencyMs = performance.now() - started;
    result.ttftMs = firstToken;
    if (!answered && finishReason === 'length') {
      set('completion', {
        verdict: 'warn',
        ms: result.latencyMs,
        detail: `${model} spent its whole budget of ${maxTokens} token${maxTokens === 1 ? '' : 's'} before answering: it reasons first and needs more room.${room}`,
      });
    } else {
      set('completion', {
        verdict: 'pass',
        ms: result.latencyMs,
        detail: `${model} answered in ${Math.round(result.latencyMs)} ms${firstToken !== undefined ? `, first token after ${Math.round(firstToken)} ms` : ''}.${room}`,
      });
    }
  } catch (error) {
    fail('completion', error, performance.now() - started);
  }
  return finish();
}

/** Every profile, `concurrency` at a time, so a long list does not open dozens of connections. */
export async function testAllConnections(ctx: HostContext, concurrency = 4): Promise<ConnectionResult[]> {
  const profiles = await listProfiles(ctx);
  const results: ConnectionResult[] = new Array(profiles.length);
  let next = 0;
  const worker = async () => {
    while (next < profiles.length) {
      const index = next++;
      results[index] = await testConnection(ctx, profiles[index]!.id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, profiles.length) }, worker));
  return results;
}
