// Ollama management over its HTTP API (github.com/ollama/ollama docs/api.md): the server, its
// models, running models, pull with streamed progress and cancel, delete, unload, and a quick test
// measured with Ollama's own counters (load_duration, prompt_eval_*, eval_count / eval_duration).
import { randomUUID } from 'node:crypto';
import type { OllamaModel, OllamaModelDetails, PullProgress, QuickTest, RunningModel } from '../../shared/api/ollama';
import type { HostContext } from '../host/context';
import { AppError } from '../errors';
import { bodyChunks, readText, sendRequest } from '../http/client';
import { ndjsonValues } from '../http/ndjson';
import { isLoopbackUrl } from '../providers/core/loopback';
import { ProviderError } from '../http/errors';
import { normalizeOllamaUrl, OLLAMA_DEFAULT_URL, ollamaUrlFromEnv } from '../providers/ollama/ollama';
import { getProfile, resolveProfileCredential } from './profiles';

const PROVIDER = 'Ollama';

export interface ServerChoice {
  profileId?: string;
  baseUrl?: string;
}

export interface ResolvedServer {
  baseUrl: string;
  source: 'input' | 'profile' | 'OLLAMA_HOST' | 'default';
  headers: Record<string, string>;
}

/** The server: what the caller named, else the first Ollama profile, else OLLAMA_HOST, else the default. */
export async function resolveServer(ctx: HostContext, choice: ServerChoice): Promise<ResolvedServer> {
  const withKey = async (baseUrl: string, source: ResolvedServer['source'], profileId?: string): Promise<ResolvedServer> => {
    const headers: Record<string, string> = {};
    if (profileId && !isLoopbackUrl(baseUrl)) {
      const credential = await resolveProfileCredential(ctx, await getProfile(ctx, profileId)).catch(() => null);
      if (credential) headers.authorization = `Bearer ${credential.value}`;
    }
    return { baseUrl: normalizeOllamaUrl(baseUrl), source, headers };
  };
  if (choice.baseUrl?.trim()) return withKey(choice.baseUrl, 'input', choice.profileId);
  const profiles = (await ctx.config.read()).profiles.filter((p) => p.providerKey === 'ollama');
  const profile = choice.profileId ? profiles.find((p) => p.id === choice.profileId) : profiles.find((p) => p.baseUrl);
  if (profile?.baseUrl) return withKey(profile.baseUrl, 'profile', profile.id);
  const fromEnv = ollamaUrlFromEnv(ctx.env);
  if (fromEnv) return withKey(fromEnv, 'OLLAMA_HOST', profile?.id);
  return withKey(OLLAMA_DEFAULT_URL, 'default', profile?.id);
}

function explain(error: unknown, baseUrl: string): never {
  if (error instanceof ProviderError) {
    if (error.errorClass === 'network')
      throw new AppError(
        'ollama_not_running',
        `Ollama is not answering at ${baseUrl}. Start it with \`ollama serve\` (or open the Ollama app), or set the server URL.`,
        { baseUrl },
      );
    if (error.errorClass === 'auth')
      throw new AppError('auth', `${error.message} This Ollama server needs a key: add it to the Ollama profile.`);
    if (error.status === 407)
      throw new AppError('proxy', `The proxy refused the request (407): check the proxy settings. ${error.message}`);
  }
  throw error;
}

async function call<T>(
  ctx: HostContext,
  server: ResolvedServer,
  path: string,
  init: { method?: 'GET' | 'POST' | 'DELETE'; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  try {
    const response = await sendRequest(
      {
        provider: PROVIDER,
        url: `${server.baseUrl}${path}`,
        headers: server.headers,
        method: init.method,
        body: init.body,
        signal: init.signal,
        headersTimeoutMs: 300_000,
      },
      ctx.env,
    );
    if (response.statusCode === 200 && response.headers['content-length'] === '0') return {} as T;
    const text = await readText(PROVIDER, response);
    return (text ? JSON.parse(text) : {}) as T;
  } catch (error) {
    return explain(error, server.baseUrl);
  }
}

export async function serverStatus(ctx: HostContext, choice: ServerChoice) {
  const server = await resolveServer(ctx, choice);
  try {
    const { version } = await call<{ version?: string }>(ctx, server, '/api/version', { signal: AbortSignal.timeout(5_000) });
    return { baseUrl: server.baseUrl, source: server.source, running: true, version };
  } catch (error) {
    return {
      baseUrl: server.baseUrl,
      source: server.source,
      running: false,
      error: (error as Error).message,
      hint: "Start Ollama with `ollama serve` (or open the Ollama app). For another machine, set OLLAMA_HOST or an Ollama profile's base URL.",
    };
  }
}

export async function listModels(ctx: HostContext, choice: ServerChoice): Promise<OllamaModel[]> {
  const server = await resolveServer(ctx, choice);
  const body = await call<{
    models?: Array<{
      name: string;
      size: number;
      modified_at?: string;
      details?: { family?: string; parameter_size?: string; quantization_level?: string };
    }>;
  }>(ctx, server, '/api/tags');
  return (body.models ?? []).map((m) => ({
    name: m.name,
    size: m.size,
    modifiedAt: m.modified_at,
    family: m.details?.family,
    parameters: m.details?.parameter_size,
    quantization: m.details?.quantization_level,
  }));
}

/** `POST /api/show`: the context window sits in model_info as `<architecture>.context_length`. */
export async function showModel(ctx: HostContext, choice: ServerChoice, model: string): Promise<OllamaModelDetails> {
  const server = await resolveServer(ctx, choice);
  let body: {
    details?: { family?: string; parameter_size?: string; quantization_level?: string; format?: string };
    model_info?: Record<string, unknown>;
    capabilities?: unknown;
    license?: unknown;
  };
  try {
    body = await call(ctx, server, '/api/show', { body: { model }, signal: AbortSignal.timeout(20_000) });
  } catch (error) {
    if (error instanceof ProviderError && error.status === 404)
      throw new AppError('not_found', `The model ${model} is not installed on ${server.baseUrl}.`);
    throw error;
  }
  const info = body.model_info ?? {};
  const architecture = typeof info['general.architecture'] === 'string' ? info['general.architecture'] : undefined;
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
  const text = (value: unknown, max: number) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined);
  return {
    model,
    contextLength: number(architecture ? info[`${architecture}.context_length`] : undefined),
    parameterCount: number(info['general.parameter_count']),
    parameters: text(body.details?.parameter_size, 40),
    quantization: text(body.details?.quantization_level, 40),
    family: text(body.details?.family, 60),
    format: text(body.details?.format, 20),
    capabilities: Array.isArray(body.capabilities)
      ? body.capabilities
          .filter((c): c is string => typeof c === 'string')
          .slice(0, 20)
          .map((c) => c.slice(0, 40))
      : [],
    license: text(typeof body.license === 'string' ? body.license.split('\n').find((line) => line.trim()) : undefined, 200),
  };
}

export async function runningModels(ctx: HostContext, choice: ServerChoice): Promise<RunningModel[]> {
  const server = await resolveServer(ctx, choice);
  const body = await call<{ models?: Array<{ name: string; size: number; size_vram?: number; expires_at?: string }> }>(
    ctx,
    server,
    '/api/ps',
  );
  return (body.models ?? []).map((m) => ({ name: m.name, size: m.size, sizeVram: m.size_vram ?? 0, expiresAt: m.expires_at }));
}

export async function deleteModel(ctx: HostContext, choice: ServerChoice, model: string): Promise<void> {
  const server = await resolveServer(ctx, choice);
  try {
    await call(ctx, server, '/api/delete', { method: 'DELETE', body: { model } });
  } catch (error) {
    if (error instanceof ProviderError && error.status === 404)
      throw new AppError('not_found', `The model ${model} is not installed on ${server.baseUrl}.`);
    throw error;
  }
}

export async function unloadModel(ctx: HostContext, choice: ServerChoice, model: string): Promise<void> {
  const server = await resolveServer(ctx, choice);
  await call(ctx, server, '/api/generate', { body: { model, keep_alive: 0 } });
}

export async function quickTest(ctx: HostContext, choice: ServerChoice, model: string): Promise<QuickTest> {
  const server = await resolveServer(ctx, choice);
  const started = performance.now();
  let body;
  try {
    body = await call<{
      response?: string;
      load_duration?: number;
      prompt_eval_count?: number;
      prompt_eval_duration?: number;
      eval_count?: number;
      eval_duration?: number;
      total_duration?: number;
    }>(ctx, server, '/api/generate', {
      body: { model, prompt: 'Write one short sentence about the sea.', stream: false, options: { num_predict: 48 } },
    });
  } catch (error) {
    if (error instanceof ProviderError && error.status === 404)
      throw new AppError('not_found', `The model ${model} is not installed; pull it first.`);
    throw error;
  }
  const ns = (v: number | undefined) => (v ?? 0) / 1e6;
  const rate = (count: number | undefined, duration: number | undefined) => (count && duration ? count / (duration / 1e9) : null);
  return {
    model,
    loadMs: ns(body.load_duration),
    // Ollama's counters: the first token follows the load and the prompt evaluation.
    ttftMs: ns(body.load_duration) + ns(body.prompt_eval_duration),
    tokensPerSecond: rate(body.eval_count, body.eval_duration),
    promptTokensPerSecond: rate(body.prompt_eval_count, body.prompt_eval_duration),
    outputTokens: body.eval_count ?? 0,
    totalMs: body.total_duration ? ns(body.total_duration) : performance.now() - started,
    answer: (body.response ?? '').trim(),
  };
}

interface PullState {
  controller: AbortController;
  progress: PullProgress;
}

/** Pulls run in the background and report through events; one AbortController each. */
export class PullManager {
  private readonly pulls = new Map<string, PullState>();

  constructor(
    private readonly ctx: HostContext,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  async start(choice: ServerChoice, model: string): Promise<string> {
    const server = await resolveServer(this.ctx, choice);
    const pullId = randomUUID();
    const controller = new AbortController();
    const progress: PullProgress = {
      pullId,
      model,
      status: 'starting',
      layers: [],
      total: 0,
      completed: 0,
      bytesPerSecond: null,
      etaSeconds: null,
      state: 'running',
    };
    this.pulls.set(pullId, { controller, progress });
    void this.run(server, pullId).finally(() => this.pulls.delete(pullId));
    return pullId;
  }

  cancel(pullId: string): void {
    this.pulls.get(pullId)?.controller.abort();
  }

  async dispose(): Promise<void> {
    for (const pull of this.pulls.values()) pull.controller.abort();
  }

  private emit(progress: PullProgress): void {
    this.ctx.emit('ollama.pull', { ...progress, layers: progress.layers.map((l) => ({ ...l })) });
  }

  private async run(server: ResolvedServer, pullId: string): Promise<void> {
    const state = this.pulls.get(pullId)!;
    const { progress, controller } = state;
    const layers = new Map<string, { digest: string; total: number; completed: number }>();
    // Speed over a sliding window of recent samples, so a stall shows quickly.
    const samples: Array<{ at: number; completed: number }> = [];
    let lastEmit = 0;
    const url = `${server.baseUrl}/api/pull`;
    try {
      const response = await sendRequest(
        {
          provider: PROVIDER,
          url,
          headers: server.headers,
          body: { model: progress.model, stream: true },
          signal: controller.signal,
          deadlineMs: Infinity,
        },
        this.ctx.env,
      ).catch((error: unknown) => explain(error, server.baseUrl));
      for await (const line of ndjsonValues<{ status?: string; digest?: string; total?: number; completed?: number; error?: string }>(
        bodyChunks(PROVIDER, url, response, controller.signal),
      )) {
        if (line.error)
          throw new AppError(
            /not found|does not exist|manifest/i.test(line.error) ? 'not_found' : 'ollama_error',
            `Ollama could not pull ${progress.model}: ${line.error}`,
          );
        progress.status = line.status ?? progress.status;
        if (line.digest && line.total)
          layers.set(line.digest, {
            digest: line.digest,
            total: line.total,
            completed: line.completed ?? layers.get(line.digest)?.completed ?? 0,
          });
        progress.layers = [...layers.values()];
        progress.total = progress.layers.reduce((n, l) => n + l.total, 0);
        progress.completed = progress.layers.reduce((n, l) => n + l.completed, 0);
        const now = this.clock();
        samples.push({ at: now, completed: progress.completed });
        while (samples.length > 2 && now - samples[0]!.at > 5_000) samples.shift();
        const first = samples[0]!;
        const seconds = (now - first.at) / 1000;
        progress.bytesPerSecond = seconds > 0.2 ? (progress.completed - first.completed) / seconds : null;
        progress.etaSeconds =
          progress.bytesPerSecond && progress.bytesPerSecond > 0 ? (progress.total - progress.completed) / progress.bytesPerSecond : null;
        if (line.status === 'success' || now - lastEmit > 100) {
          lastEmit = now;
          this.emit(progress);
        }
      }
      progress.state = progress.status === 'success' ? 'done' : 'error';
      if (progress.state === 'error') progress.error = `The pull ended without success (last status: ${progress.status}).`;
    } catch (error) {
      if (controller.signal.aborted) {
        progress.state = 'cancelled';
        progress.status = 'cancelled';
      } else {
        progress.state = 'error';
        progress.error = (error as Error).message;
      }
    }
    this.emit(progress);
  }
}

export const pullManager = (ctx: HostContext) => {
  const manager = new PullManager(ctx);
  ctx.onDispose(() => manager.dispose());
  return manager;
};
