// Google Gemini's public API (seed-wire.md §4; ai.google.dev/api/generate-content) with an API key:
// streamGenerateContent?alt=sse, the key in the x-goog-api-key header (never in the URL, unlike
// the seed), system instruction, user/model roles, native function calling (the seed had none and
// dropped tool results), inline images, thought parts as reasoning, and usageMetadata.
//
// Auth sources, in the seed's order (seed-wire.md §4.1): the profile's key, GEMINI_API_KEY,
// GOOGLE_API_KEY, then the Gemini CLI's sign-in (cli-sign-in.ts; handed in as `cliSignIn`). The seed's AuthService
// profiles (its 4th source) are not part of Switchyard. A sign-in token goes, as in the seed and the
// Gemini CLI, to the Code Assist API: POST {codeAssistUrl}/v1internal:streamGenerateContent?alt=sse
// with Authorization: Bearer, the body wrapped as {model, project, user_prompt_id, request} and
// every chunk wrapped as {response}; the project comes from v1internal:loadCodeAssist (seeded by
// GOOGLE_CLOUD_PROJECT / GOOGLE_CLOUD_PROJECT_ID) and is cached. A 401 refreshes the token and
// retries once; a 400 naming "generationConfig" retries once without it (as the seed does).
// The seed called the non-streaming :generateContent; we stream, as the Gemini CLI does.
import { randomUUID } from 'node:crypto';
import type { TokenUsage } from '../../../shared/types';
import { bodyChunks, readJson, sendRequest, type HttpResponse } from '../../http/client';
import type { SseEvent } from '../../http/sse';
import { flattenBatches, sseBatches } from '../core/batched';
import { ProviderError } from '../../http/errors';
import type { TokenSource } from '../core/sign-in';
import { geminiAuthOptions, geminiCliSignedIn } from './cli-sign-in';
import { BaseProvider } from '../core/base';
import type { ChatMessage, ChatRequest, FinishReason, ModelInfo, StreamEvent } from '../traits';
import { tokenCount, tokenUsage } from '../core/usage';

export const GEMINI_DEFAULT_URL = 'https://generativelanguage.googleapis.com/v1beta';
export const CODE_ASSIST_DEFAULT_URL = 'https://cloudcode-pa.googleapis.com';

export interface GeminiOptions {
  baseUrl?: string;
  credential?: string;
  /** Which source the key came from, shown by the connection test ("GEMINI_API_KEY env var"). */
  credentialSource?: string;
  env?: NodeJS.ProcessEnv;
  headers?: Record<string, string>;
  /** The Gemini CLI credentials file; else GEMINI_OAUTH_CREDS_PATH, else ~/.gemini/oauth_creds.json. */
  oauthCredsPath?: string;
  /** The Gemini CLI's sign-in (auth/gemini-cli), used when there is no key; opened for `oauthCredsPath`. */
  cliSignIn?: TokenSource;
  /** The Code Assist API base; else CODE_ASSIST_ENDPOINT (the Gemini CLI's own override), else https://cloudcode-pa.googleapis.com. */
  codeAssistUrl?: string;
  /** The Google Cloud project sent to loadCodeAssist; else GOOGLE_CLOUD_PROJECT, else GOOGLE_CLOUD_PROJECT_ID. */
  project?: string;
}

export type GeminiAuthKind = 'api-key' | 'gemini-cli-oauth' | 'none';

type Part = Record<string, unknown>;
interface Content {
  role: 'user' | 'model';
  parts: Part[];
}

function modelPath(model: string): string {
  return model.startsWith('models/') ? model : `models/${model}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** Our history → Gemini contents: assistant is "model", tool results are functionResponse parts. */
export function convertContents(messages: ChatMessage[]): { system: string; contents: Content[] } {
  const system = messages
    .filter((m) => m.role === 'system' && m.content.trim())
    .map((m) => m.content)
    .join('\n\n');
  const contents: Content[] = [];
  const push = (role: Content['role'], parts: Part[]) => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };
  const names = new Map<string, string>();
  for (const message of messages) {
    if (message.role === 'system') continue;
    if (message.role === 'assistant') {
      const parts: Part[] = message.content.trim() ? [{ text: message.content }] : [];
      for (const call of message.toolCalls ?? []) {
        names.set(call.id, call.name);
        // Gemini 3 wants each call's thoughtSignature back on the same part (thought-signatures doc).
        parts.push({
          functionCall: { name: call.name, args: safeJson(call.arguments) },
          ...(call.signature && { thoughtSignature: call.signature }),
        });
      }
      push('model', parts);
    } else if (message.role === 'tool') {
      const name = message.toolName ?? (message.toolCallId ? names.get(message.toolCallId) : undefined) ?? 'tool';
      push('user', [{ functionResponse: { name, response: { content: message.content } } }]);
    } else {
      const parts: Part[] = [];
      if (message.content) parts.push({ text: message.content });
      for (const image of message.images ?? []) {
        const match = /^data:([^;,]+)[^,]*,(.*)$/s.exec(image);
        if (match) parts.push({ inlineData: { mimeType: match[1], data: match[2]!.trim() } });
      }
      push('user', parts.length > 0 ? parts : [{ text: '' }]);
    }
  }
  return { system, contents };
}

function finishReasonOf(reason: string | undefined, sawTool: boolean): FinishReason {
  if (sawTool) return 'tool_calls';
  if (reason === 'STOP') return 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason === 'SAFETY' || reason === 'RECITATION' || reason === 'PROHIBITED_CONTENT') return 'content_filter';
  return reason ? 'unknown' : 'stop';
}

function stripModels(model: string): string {
  return model.replace(/^models\//, '');
}

function isUnauthorized(error: unknown): error is ProviderError {
  return error instanceof ProviderError && error.status === 401;
}

/** Code Assist refusing generationConfig (seed-wire.md §4.5): bare or JSON-escaped quotes. */
export function isGenerationConfigRejection(error: unknown): boolean {
  return error instanceof ProviderError && error.status === 400 && /Unknown name \\?"generationConfig\\?"/.test(error.message);
}

type Auth = { kind: 'api-key'; key: string } | { kind: 'gemini-cli-oauth'; creds: TokenSource };

type GeminiChunk = {
  candidates?: Array<{
    content?: {
      parts?: Array<{ text?: string; thought?: boolean; thoughtSignature?: string; functionCall?: { name?: string; args?: unknown } }>;
    };
    finishReason?: string;
  }>;
  usageMetadata?: {
    promptTokenCount?: number;
    candidatesTokenCount?: number;
    thoughtsTokenCount?: number;
    cachedContentTokenCount?: number;
  };
  error?: { message?: string };
};

export class GeminiProvider extends BaseProvider {
  readonly key = 'gemini';
  readonly displayName = 'Google Gemini';
  readonly baseUrl: string;
  readonly codeAssistUrl: string;
  private readonly options: GeminiOptions;
  private readonly env: NodeJS.ProcessEnv;
  private readonly apiKey: { value: string; label: string } | undefined;
  private readonly oauth: TokenSource | undefined;
  private projectPromise: Promise<string> | null = null;
  private callCounter = 0;

  constructor(options: GeminiOptions) {
    super({ nativeTools: true, vision: true, streaming: true, promptCaching: false });
    this.options = options;
    this.env = options.env ?? process.env;
    this.baseUrl = (options.baseUrl?.trim() || GEMINI_DEFAULT_URL).replace(/\/+$/, '');
    this.codeAssistUrl = (options.codeAssistUrl?.trim() || this.env.CODE_ASSIST_ENDPOINT?.trim() || CODE_ASSIST_DEFAULT_URL).replace(
      /\/+$/,
      '',
    );
    // Keys from the profile or GEMINI_API_KEY / GOOGLE_API_KEY are resolved by the factory (one place
    // for every provider's env vars) and arrive as `credential` with their source label.
    const typed = options.credential?.trim();
    if (typed)
      this.apiKey = {
        value: typed,
        label: options.credentialSource && options.credentialSource !== 'none' ? options.credentialSource : 'profile',
      };
    this.oauth = options.cliSignIn;
  }

  /**
   * Which source requests use, for the UI: "profile", "GEMINI_API_KEY env var", "GOOGLE_API_KEY
   * env var", "Gemini CLI sign-in (~/.gemini/oauth_creds.json)", or "none". The sign-in counts when
   * its file exists; whether it still works shows on the first request (or warmup).
   */
  get credentialSource(): string {
    return this.authSource().label;
  }

  /** Set when requests go with the Gemini CLI's sign-in rather than a key. */
  get signIn(): string | undefined {
    const source = this.authSource();
    return source.kind === 'gemini-cli-oauth' ? source.label : undefined;
  }

  authSource(): { kind: GeminiAuthKind; label: string } {
    if (this.apiKey) return { kind: 'api-key', label: this.apiKey.label };
    if (this.oauth && geminiCliSignedIn(this.env, this.options.oauthCredsPath))
      return { kind: 'gemini-cli-oauth', label: this.oauth.label };
    return { kind: 'none', label: 'none' };
  }

  private auth(): Auth {
    if (this.apiKey) return { kind: 'api-key', key: this.apiKey.value };
    // The file is read (and its errors reported) when a token is needed.
    if (this.oauth) return { kind: 'gemini-cli-oauth', creds: this.oauth };
    throw new ProviderError(`Gemini credentials not found. Use one of:\n${geminiAuthOptions()}`, {
      provider: this.displayName,
      errorClass: 'auth',
    });
  }

  private keyHeaders(key: string): Record<string, string> {
    // In a header, not in ?key=, so it never lands in URLs, logs or proxies' access logs.
    return { ...this.options.headers, 'x-goog-api-key': key };
  }

  private bearerHeaders(token: string): Record<string, string> {
    return { ...this.options.headers, authorization: `Bearer ${token}` };
  }

  /** Runs a Code Assist call with a valid token; a 401 refreshes the token and runs it once more. */
  private async withToken<T>(creds: TokenSource, signal: AbortSignal | undefined, run: (token: string) => Promise<T>): Promise<T> {
    const { token } = await creds.grant(signal);
    const replace = creds.afterRejection?.bind(creds);
    try {
      return await run(token);
    } catch (error) {
      if (!isUnauthorized(error) || !replace) throw error;
    }
    const { token: fresh } = await replace(token, signal);
    try {
      return await run(fresh);
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
      throw new ProviderError(
        `${error.message}\nGoogle rejected the Gemini CLI sign-in even after refreshing it: run \`gemini\` once in a terminal to sign in again.`,
        { provider: this.displayName, errorClass: 'auth', status: 401 },
      );
    }
  }

  /** The Code Assist project (seed-wire.md §4.5), resolved once per provider. */
  private project(token: string): Promise<string> {
    this.projectPromise ??= this.loadProject(token).catch((error: unknown) => {
      this.projectPromise = null;
      throw error;
    });
    return this.projectPromise;
  }

  private async loadProject(token: string): Promise<string> {
    const seed =
      this.options.project?.trim() || this.env.GOOGLE_CLOUD_PROJECT?.trim() || this.env.GOOGLE_CLOUD_PROJECT_ID?.trim() || undefined;
    let found: string | undefined;
    try {
      const response = await sendRequest(
        {
          provider: this.displayName,
          url: `${this.codeAssistUrl}/v1internal:loadCodeAssist`,
          headers: this.bearerHeaders(token),
          body: {
            cloudaicompanionProject: seed ?? null,
            metadata: { ideType: 'GEMINI_CLI', platform: 'PLATFORM_UNSPECIFIED', pluginType: 'GEMINI', duetProject: seed ?? null },
          },
        },
        this.env,
      );
      const body = await readJson<{ cloudaicompanionProject?: string | { id?: string } | null }>(this.displayName, response);
      const project = body.cloudaicompanionProject;
      found = (typeof project === 'string' ? project : project?.id)?.trim() || undefined;
    } catch (error) {
      // A 401 goes back to withToken (refresh and retry); other refusals fall back to the seed.
      if (isUnauthorized(error) || !(error instanceof ProviderError) || error.status === undefined) throw error;
      if (seed) return seed;
      throw new ProviderError(`Gemini CLI sign-in: Code Assist could not set up this account (loadCodeAssist): ${error.message}`, {
        provider: this.displayName,
        errorClass: error.errorClass,
        status: error.status,
      });
    }
    if (found) return found;
    if (seed) return seed;
    throw new ProviderError(
      'Gemini CLI sign-in: Code Assist returned no project for this account (loadCodeAssist response missing project context). Run `gemini` once to finish setting it up, or set GOOGLE_CLOUD_PROJECT.',
      { provider: this.displayName, errorClass: 'auth' },
    );
  }

  buildBody(request: ChatRequest): Record<string, unknown> {
    const { system, contents } = convertContents(request.messages);
    const generationConfig: Record<string, unknown> = {};
    if (request.temperature !== undefined) generationConfig.temperature = request.temperature;
    if (request.maxTokens !== undefined) generationConfig.maxOutputTokens = request.maxTokens;
    if (request.responseFormat === 'json') generationConfig.responseMimeType = 'application/json';
    return {
      contents,
      ...(system && { systemInstruction: { parts: [{ text: system }] } }),
      ...(Object.keys(generationConfig).length > 0 && { generationConfig }),
      ...(request.tools?.length && {
        tools: [
          { functionDeclarations: request.tools.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters })) },
        ],
      }),
    };
  }

  private async openStream(request: ChatRequest): Promise<{ url: string; response: HttpResponse }> {
    const auth = this.auth();
    const body = this.buildBody(request);
    if (auth.kind === 'api-key') {
      const url = `${this.baseUrl}/${modelPath(request.model)}:streamGenerateContent?alt=sse`;
      return {
        url,
        response: await sendRequest(
          {
            provider: this.displayName,
            url,
            headers: { ...this.keyHeaders(auth.key), accept: 'text/event-stream' },
            body,
            signal: request.signal,
          },
          this.env,
        ),
      };
    }
    const url = `${this.codeAssistUrl}/v1internal:streamGenerateContent?alt=sse`;
    const userPromptId = randomUUID();
    const send = (inner: Record<string, unknown>) =>
      this.withToken(auth.creds, request.signal, async (token) => {
        const project = await this.project(token);
        const envelope = { model: stripModels(request.model), project, user_prompt_id: userPromptId, request: inner };
        return sendRequest(
          {
            provider: this.displayName,
            url,
            headers: { ...this.bearerHeaders(token), accept: 'text/event-stream' },
            body: envelope,
            signal: request.signal,
          },
          this.env,
        );
      });
    try {
      return { url, response: await send(body) };
    } catch (error) {
      if (!isGenerationConfigRejection(error) || !('generationConfig' in body)) throw error;
      const { generationConfig: _dropped, ...withoutConfig } = body;
      return { url, response: await send(withoutConfig) };
    }
  }

  stream(request: ChatRequest): AsyncIterableIterator<StreamEvent> {
    return flattenBatches(this.streamBatches(request));
  }

  /** One batch of events per network chunk (see core/batched.ts). */
  private async *streamBatches(request: ChatRequest): AsyncGenerator<StreamEvent[]> {
    const { url, response } = await this.openStream(request);
    let usage: TokenUsage = {};
    let finish: string | undefined;
    let sawTool = false;
    const handle = ({ data }: SseEvent, out: StreamEvent[]): void => {
      let chunk: GeminiChunk & { response?: GeminiChunk };
      try {
        chunk = JSON.parse(data);
      } catch {
        throw new ProviderError(`Gemini sent a stream event that is not JSON: ${data.slice(0, 200)}`, {
          provider: this.displayName,
          errorClass: 'server',
        });
      }
      // Code Assist wraps each chunk as {response: {...}, traceId}; an error may sit at either level.
      const error = chunk.error ?? chunk.response?.error;
      if (error)
        throw new ProviderError(`Gemini API error: ${error.message ?? 'unknown error'}`, {
          provider: this.displayName,
          errorClass: 'server',
        });
      if (chunk.response && typeof chunk.response === 'object') chunk = chunk.response;
      const candidate = chunk.candidates?.[0];
      for (const part of candidate?.content?.parts ?? []) {
        if (part.functionCall?.name) {
          sawTool = true;
          this.callCounter += 1;
          out.push({
            type: 'tool_call',
            call: {
              id: `call_${this.callCounter}`,
              name: part.functionCall.name,
              arguments: JSON.stringify(part.functionCall.args ?? {}),
              ...(part.thoughtSignature && { signature: part.thoughtSignature }),
            },
          });
        } else if (part.text) {
          out.push(part.thought ? { type: 'reasoning', delta: part.text } : { type: 'text', delta: part.text });
        }
      }
      if (candidate?.finishReason) finish = candidate.finishReason;
      const meta = chunk.usageMetadata;
      if (meta) {
        // Gemini counts thinking apart from the answer; our output tokens include both.
        const answer = tokenCount(meta.candidatesTokenCount);
        const thoughts = tokenCount(meta.thoughtsTokenCount);
        usage = tokenUsage({
          inputTokens: meta.promptTokenCount,
          outputTokens: answer === undefined && thoughts === undefined ? undefined : (answer ?? 0) + (thoughts ?? 0),
          reasoningTokens: thoughts,
          cachedInputTokens: meta.cachedContentTokenCount,
        });
      }
    };
    const closing = (): StreamEvent[] => [
      ...(Object.keys(usage).length > 0 ? [{ type: 'usage', usage } as const] : []),
      { type: 'done', finishReason: finishReasonOf(finish, sawTool) },
    ];
    yield* sseBatches(bodyChunks(this.displayName, url, response, request.signal), handle, closing);
  }

  override async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    const auth = this.auth();
    if (auth.kind === 'gemini-cli-oauth') {
      // Code Assist has no model list (the seed listed models only with a key): check the sign-in,
      // then leave the model name to the user, as for the CLI providers.
      await auth.creds.grant(signal);
      return [];
    }
    const response = await sendRequest(
      { provider: this.displayName, url: `${this.baseUrl}/models?pageSize=1000`, headers: this.keyHeaders(auth.key), signal },
      this.env,
    );
    const body = await readJson<{
      models?: Array<{
        name?: string;
        displayName?: string;
        supportedGenerationMethods?: string[];
        inputTokenLimit?: number;
        outputTokenLimit?: number;
      }>;
    }>(this.displayName, response);
    return (body.models ?? [])
      .filter(
        (m): m is typeof m & { name: string } =>
          typeof m.name === 'string' && (m.supportedGenerationMethods ?? ['generateContent']).includes('generateContent'),
      )
      .map((m) => ({
        id: m.name.replace(/^models\//, ''),
        details: {
          ...(m.displayName && { name: m.displayName }),
          ...(m.inputTokenLimit && { contextLength: m.inputTokenLimit }),
          ...(m.outputTokenLimit && { maxOutputTokens: m.outputTokenLimit }),
        },
      }));
  }

  override async warmup(signal?: AbortSignal): Promise<void> {
    const auth = this.auth();
    if (auth.kind === 'gemini-cli-oauth') {
      // The seed did nothing here; a valid token and the project (loadCodeAssist, no tokens spent)
      // are what a connection test needs to know.
      await this.withToken(auth.creds, signal, (token) => this.project(token));
      return;
    }
    const response = await sendRequest(
      { provider: this.displayName, url: `${this.baseUrl}/models?pageSize=1`, headers: this.keyHeaders(auth.key), signal },
      this.env,
    );
    await response.body.dump();
  }
}
