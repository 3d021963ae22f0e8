// OpenAI Codex through a ChatGPT subscription: the Responses API at chatgpt.com/backend-api/codex
// (seed-auth-cli.md §2.9–2.15). Bearer access token from the sign-in plus chatgpt-account-id,
// instructions + input items, always streamed (SSE: output_text / reasoning deltas, completed with
// usage, failed / error events). Tools are prompt-guided (nativeTools false, as the seed): their
// instructions join `instructions`, and tool history travels as <tool_call> / <tool_result> text.
// chat() is built on stream(). A 401 refreshes the sign-in once and retries once.
//
// Where this differs from the seed, on purpose:
// - a blank system prompt gives the default instructions, not "" (§2.11 ⚠);
// - tool turns are kept as text instead of dropped (the seed lost tool results, so a prompt-guided
//   tool loop never saw them);
// - reasoning deltas and usage are reported (the seed kept only the text);
// - every error body is scrubbed (the access token never appears in a message).
import type { TokenUsage } from '../../../shared/types';
import { bodyChunks, readJson, sendRequest, type HttpResponse } from '../../http/client';
import { SseDecoder } from '../../http/sse';
import { registerSecret } from '../../secrets/redact';
import type { Grant, TokenSource } from '../core/sign-in';
import { isContextWindowError, ProviderError, sanitizeApiError } from '../../http/errors';
import { withToolInstructions } from '../core/tool-instructions';
import { BaseProvider } from '../core/base';
import { collectStream } from '../collect';
import { type ChatMessage, type ChatRequest, type ChatResponse, type FinishReason, type ModelInfo, type StreamEvent } from '../traits';
import { tokenUsage } from '../core/usage';

export const CODEX_RESPONSES_URL = 'https://chatgpt.com/backend-api/codex/responses';
export const DEFAULT_CODEX_MODEL = 'gpt-5-codex';
export const DEFAULT_CODEX_INSTRUCTIONS = 'You are Switchyard, a concise and helpful coding assistant.';
export const DEFAULT_REASONING_EFFORT = 'xhigh';
/**
 * Curated, not fetched: the ChatGPT Codex backend has no model list. These are the seed's ids
 * (seed-auth-cli.md §2.1); any other id typed into a profile is sent as is.
 */
export const CODEX_MODELS = ['gpt-5-codex', 'gpt-5.2-codex', 'o4-mini'] as const;

/**
 * A fixed token source from a stored credential: the tokens JSON the sign-in keeps in the keychain,
 * or a bare access token. No refresh; without a credential every request asks to sign in.
 */
export function codexTokensFromCredential(credential: string | undefined): TokenSource {
  return {
    label: 'ChatGPT sign-in',
    async grant() {
      const value = credential?.trim();
      if (!value)
        throw new ProviderError('OpenAI Codex is not signed in. Open Providers and choose "Sign in with ChatGPT" on the Codex profile.', {
          provider: 'OpenAI Codex',
          errorClass: 'auth',
        });
      if (!value.startsWith('{')) return { token: value };
      try {
        const tokens = JSON.parse(value) as { accessToken?: unknown; accountId?: unknown };
        if (typeof tokens.accessToken !== 'string') throw new Error('no accessToken');
        return { token: tokens.accessToken, ...(typeof tokens.accountId === 'string' && { accountId: tokens.accountId }) };
      } catch {
        throw new ProviderError('The saved OpenAI Codex sign-in is damaged; sign in again.', {
          provider: 'OpenAI Codex',
          errorClass: 'auth',
        });
      }
    },
  };
}

export interface OpenAICodexOptions {
  /** The Responses endpoint or a base to append /responses to (§2.9); the ChatGPT backend by default. */
  baseUrl?: string;
  /** The ChatGPT sign-in (auth/codex keeps it fresh), or tokens pasted from elsewhere. */
  auth: TokenSource;
  displayName?: string;
  key?: string;
  /** none / minimal / low / medium / high / xhigh; clamped per model (§2.12). */
  reasoningEffort?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * §2.9: http(s) only, query and fragment dropped, a trailing slash stripped, and /responses
 * appended unless the path already ends in it.
 */
export function resolveResponsesUrl(baseUrl: string | undefined): string {
  const raw = baseUrl?.trim();
  if (!raw) return CODEX_RESPONSES_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ProviderError(`OpenAI Codex endpoint is not a URL: ${raw}`, { provider: 'OpenAI Codex', errorClass: 'bad_request' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProviderError(`OpenAI Codex endpoint must be http or https: ${raw}`, { provider: 'OpenAI Codex', errorClass: 'bad_request' });
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (!path.endsWith('/responses')) path = `${path}/responses`;
  return `${url.protocol}//${url.host}${path}`;
}

/** Same scheme, host, effective port and path (ignoring a trailing slash) as the ChatGPT backend. */
export function isDefaultResponsesUrl(url: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(CODEX_RESPONSES_URL);
    return (
      a.protocol === b.protocol &&
      a.hostname.toLowerCase() === b.hostname &&
      a.port === b.port &&
      a.pathname.replace(/\/+$/, '') === b.pathname
    );
  } catch {
    return false;
  }
}

/** §2.10: the id after the last '/', so "openai/gpt-5-codex" works too. */
export function normalizeModelId(model: string): string {
  const id = model.trim().split('/').at(-1)?.trim();
  return id || DEFAULT_CODEX_MODEL;
}

/** §2.12: trimmed and lowercased (blank → xhigh), then clamped to what the model accepts. */
export function clampReasoningEffort(model: string, effort: string | undefined): string {
  const value = effort?.trim().toLowerCase() || DEFAULT_REASONING_EFFORT;
  const id = normalizeModelId(model);
  if (id === 'gpt-5-codex') {
    if (value === 'low' || value === 'medium' || value === 'high') return value;
    return value === 'minimal' ? 'low' : 'high';
  }
  if ((id.startsWith('gpt-5.2') || id.startsWith('gpt-5.3')) && value === 'minimal') return 'low';
  if (id.startsWith('gpt-5-codex') && value === 'xhigh') return 'high';
  if (id === 'gpt-5.1' && value === 'xhigh') return 'high';
  if (id === 'gpt-5.1-codex-mini') return value === 'high' || value === 'xhigh' ? 'high' : 'medium';
  return value;
}

type InputItem = { role: 'user' | 'assistant'; content: Array<Record<string, string>> };

function toolCallText(message: ChatMessage): string {
  return (message.toolCalls ?? [])
    .map((call) => {
      let args: unknown;
      try {
        args = JSON.parse(call.arguments || '{}');
      } catch {
        args = {};
      }
      return `<tool_call>\n${JSON.stringify({ name: call.name, arguments: args })}\n</tool_call>`;
    })
    .join('\n');
}

/**
 * §2.11: system → instructions (joined with a blank line; blank or none → the default); user →
 * input_text then input_image items (an empty turn still gets an empty input_text); assistant →
 * output_text. Tool calls and results stay in the conversation as the prompt-guided text.
 */
export function buildResponsesInput(messages: ChatMessage[]): { instructions: string; input: InputItem[] } {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
  const joined = system.join('\n\n');
  const instructions = joined.trim() ? joined : DEFAULT_CODEX_INSTRUCTIONS;
  const input: InputItem[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    if (message.role === 'assistant') {
      const text = [message.content, toolCallText(message)].filter((part) => part.trim()).join('\n');
      input.push({ role: 'assistant', content: [{ type: 'output_text', text }] });
      continue;
    }
    const text =
      message.role === 'tool'
        ? `<tool_result${message.toolName ? ` name="${message.toolName}"` : ''}>\n${message.content}\n</tool_result>`
        : message.content;
    const content: Array<Record<string, string>> = [];
    if (text.trim()) content.push({ type: 'input_text', text });
    for (const image of message.images ?? []) content.push({ type: 'input_image', image_url: image });
    if (content.length === 0) content.push({ type: 'input_text', text: '' });
    input.push({ role: 'user', content });
  }
  return { instructions, input };
}

interface WireUsage {
  input_tokens?: number;
  output_tokens?: number;
  input_tokens_details?: { cached_tokens?: number };
  output_tokens_details?: { reasoning_tokens?: number };
}

interface WireResponse {
  status?: string;
  output_text?: string;
  output?: Array<{ type?: string; content?: Array<{ type?: string; text?: string }> }>;
  usage?: WireUsage;
  error?: { code?: string; message?: string };
  incomplete_details?: { reason?: string };
}

interface WireEvent {
  type?: string;
  delta?: string;
  text?: string;
  summary_index?: number;
  /** Which output item the event belongs to; item ids are not stable on every server (Copilot rotates them). */
  output_index?: number;
  message?: string;
  code?: string;
  error?: { code?: string; message?: string; type?: string };
  response?: WireResponse;
}

export function mapUsage(usage: WireUsage | undefined): TokenUsage {
  if (!usage) return {};
  return tokenUsage({
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cachedInputTokens: usage.input_tokens_details?.cached_tokens,
    reasoningTokens: usage.output_tokens_details?.reasoning_tokens,
  });
}

/**
 * The answer of a whole response: output_text, else every message item's output_text parts, the
 * items apart by a blank line, else any part's text. Unlike the seed (§2.13: the first part only),
 * a codex model's "commentary" message is not taken for the whole answer: its "final_answer" follows
 * in another item (recorded in vercel/ai's openai-phase.1.json).
 */
export function extractResponseText(response: WireResponse | undefined): string | undefined {
  if (!response) return undefined;
  if (response.output_text?.trim()) return response.output_text;
  const items = (response.output ?? [])
    .map((item) =>
      (item.content ?? [])
        .filter((part) => part.type === 'output_text')
        .map((part) => part.text ?? '')
        .join(''),
    )
    .filter((text) => text.trim());
  if (items.length > 0) return items.join('\n\n');
  return (response.output ?? []).flatMap((item) => item.content ?? []).find((part) => typeof part.text === 'string' && part.text.trim())
    ?.text;
}

function finishReasonOf(response: WireResponse | undefined): FinishReason {
  if (response?.status === 'incomplete') {
    const reason = response.incomplete_details?.reason;
    if (reason === 'max_output_tokens') return 'length';
    if (reason === 'content_filter') return 'content_filter';
    return 'unknown';
  }
  return 'stop';
}

function errorClassOf(code: string | undefined, message: string) {
  if (isContextWindowError(message) || code === 'context_length_exceeded') return 'context_window' as const;
  if (code === 'rate_limit_exceeded' || code === 'usage_limit_reached' || code === 'insufficient_quota') return 'rate_limit' as const;
  if (code === 'invalid_api_key' || code === 'token_expired' || code === 'unauthorized') return 'auth' as const;
  if (code === 'invalid_request_error' || code === 'invalid_prompt' || code === 'model_not_found') return 'bad_request' as const;
  return 'server' as const;
}

export class OpenAICodexProvider extends BaseProvider {
  readonly key: string;
  readonly displayName: string;
  readonly responsesUrl: string;
  private readonly options: OpenAICodexOptions;

  constructor(options: OpenAICodexOptions) {
    super({ nativeTools: false, vision: true, streaming: true, promptCaching: false });
    this.options = options;
    this.key = options.key ?? 'openai-codex';
    this.displayName = options.displayName ?? 'OpenAI Codex';
    this.responsesUrl = resolveResponsesUrl(options.baseUrl);
  }

  readonly signIn = 'ChatGPT sign-in';

  /** Where the connection test probes first. */
  get baseUrl(): string {
    return this.responsesUrl;
  }

  /** §2.10, in the seed's field order. No tools array and no temperature are ever sent. */
  buildBody(request: ChatRequest): Record<string, unknown> {
    const messages = request.tools?.length ? withToolInstructions(request.messages, request.tools) : request.messages;
    const { instructions, input } = buildResponsesInput(messages);
    const model = normalizeModelId(request.model);
    return {
      model,
      input,
      instructions,
      store: false,
      stream: true,
      text: { verbosity: 'medium' },
      reasoning: { effort: clampReasoningEffort(model, this.options.reasoningEffort), summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      tool_choice: 'auto',
      parallel_tool_calls: true,
    };
  }

  private headers(credentials: Grant): Record<string, string> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${credentials.token}`,
      'openai-beta': 'responses=experimental',
      originator: 'pi',
      accept: 'text/event-stream',
      'content-type': 'application/json',
    };
    if (credentials.accountId) headers['chatgpt-account-id'] = credentials.accountId;
    return headers;
  }

  private checked(credentials: Grant): Grant {
    registerSecret(credentials.token);
    // The ChatGPT backend needs the account id (§2.14); a custom endpoint (a gateway) may not.
    if (!credentials.accountId && isDefaultResponsesUrl(this.responsesUrl)) {
      throw new ProviderError(`${this.displayName}: the ChatGPT account id was not found in the sign-in token. Sign in again.`, {
        provider: this.displayName,
        errorClass: 'auth',
      });
    }
    return credentials;
  }

  private post(body: Record<string, unknown>, credentials: Grant, signal?: AbortSignal): Promise<HttpResponse> {
    return sendRequest(
      { provider: this.displayName, url: this.responsesUrl, headers: this.headers(credentials), body, signal },
      this.options.env,
    );
  }

  /** Sends the request; a 401 refreshes the sign-in once and retries once. */
  private async open(request: ChatRequest): Promise<HttpResponse> {
    const body = this.buildBody(request);
    const { auth } = this.options;
    const credentials = this.checked(await auth.grant());
    try {
      return await this.post(body, credentials, request.signal);
    } catch (error) {
      if (!(error instanceof ProviderError) || error.status !== 401 || !auth.afterRejection || request.signal?.aborted) throw error;
      const fresh = this.checked(await auth.afterRejection(credentials.token));
      return this.post(body, fresh, request.signal);
    }
  }

  override chat(request: ChatRequest): Promise<ChatResponse> {
    return collectStream(this.stream(request), normalizeModelId(request.model), this.displayName);
  }

  async *stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    const response = await this.open(request);
    const contentType = String(response.headers['content-type'] ?? '');
    if (contentType.includes('application/json')) {
      yield* this.fromJson(await readJson<WireResponse>(this.displayName, response));
      return;
    }
    const body = bodyChunks(this.displayName, this.responsesUrl, response, request.signal);
    const decoder = new SseDecoder(body);
    const out: StreamEvent[] = [];
    let usage: TokenUsage = {};
    let finishReason: FinishReason = 'unknown';
    let sawDelta = false;
    let textItem: number | undefined;
    let sawReasoning = false;
    let fallback: string | undefined;
    let completed = false;

    const fail = (message: string, code: string | undefined): never => {
      const text = sanitizeApiError(message);
      throw new ProviderError(`${this.displayName} stream error: ${text}`, {
        provider: this.displayName,
        errorClass: errorClassOf(code, text),
      });
    };
    const handleEvent = (event: WireEvent): void => {
      switch (event.type) {
        case 'error':
          return fail(
            event.message ?? event.code ?? event.error?.message ?? 'unknown streaming error',
            event.code ?? event.error?.code ?? event.error?.type,
          );
        case 'response.failed':
          return fail(event.response?.error?.message ?? 'the response failed', event.response?.error?.code);
        case 'response.output_text.delta':
          if (event.delta) {
            // A new message item (commentary, then the final answer) starts a new paragraph.
            if (sawDelta && event.output_index !== undefined && textItem !== undefined && event.output_index !== textItem)
              out.push({ type: 'text', delta: '\n\n' });
            if (event.output_index !== undefined) textItem = event.output_index;
            sawDelta = true;
            out.push({ type: 'text', delta: event.delta });
          }
          return;
        case 'response.output_text.done':
          if (!sawDelta && fallback === undefined && event.text) fallback = event.text;
          return;
        case 'response.reasoning_summary_text.delta':
        case 'response.reasoning_text.delta':
          if (event.delta) {
            sawReasoning = true;
            out.push({ type: 'reasoning', delta: event.delta });
          }
          return;
        case 'response.reasoning_summary_part.added':
          // Separate the summary's parts the way the text is shown: a blank line between them.
          if (sawReasoning && (event.summary_index ?? 0) > 0) out.push({ type: 'reasoning', delta: '\n\n' });
          return;
        case 'response.completed':
        case 'response.done':
        case 'response.incomplete':
          completed = true;
          usage = { ...usage, ...mapUsage(event.response?.usage) };
          finishReason =
            event.type === 'response.incomplete'
              ? finishReasonOf({ ...event.response, status: 'incomplete' })
              : finishReasonOf(event.response);
          if (fallback === undefined) fallback = extractResponseText(event.response);
          return;
        default:
      }
    };
    // §2.13: data lines joined; if that is not JSON, each line is an event of its own.
    const handle = (data: string): void => {
      const trimmed = data.trim();
      if (!trimmed || trimmed === '[DONE]') return;
      let event: WireEvent;
      try {
        event = JSON.parse(trimmed) as WireEvent;
      } catch {
        for (const line of trimmed.split('\n')) {
          const one = line.trim();
          if (!one || one === '[DONE]') continue;
          try {
            handleEvent(JSON.parse(one) as WireEvent);
          } catch (error) {
            if (error instanceof ProviderError) throw error;
          }
        }
        return;
      }
      handleEvent(event);
    };

    // Events decoded before a failure in the same chunk are still delivered, then the failure.
    const drain = (events: Array<{ data: string }>): unknown => {
      try {
        for (const event of events) handle(event.data);
        return null;
      } catch (error) {
        return error;
      }
    };
    for await (const bytes of body) {
      const failure = drain(decoder.feed(bytes));
      if (out.length > 0) {
        yield* out;
        out.length = 0;
      }
      if (failure) throw failure;
      if (completed) break;
    }
    const failure = completed ? null : drain(decoder.end());
    yield* out;
    if (failure) throw failure;
    if (!completed) {
      throw new ProviderError(`${this.displayName}: the stream ended before the response completed (the connection was cut).`, {
        provider: this.displayName,
        errorClass: 'network',
      });
    }
    if (!sawDelta) {
      if (fallback) yield { type: 'text', delta: fallback };
      else if (!sawReasoning)
        throw new ProviderError(`No response from ${this.displayName}: the stream completed without any text.`, {
          provider: this.displayName,
          errorClass: 'server',
        });
    }
    if (Object.keys(usage).length > 0) yield { type: 'usage', usage };
    yield { type: 'done', finishReason };
  }

  /** A plain (non-streamed) Responses JSON body, as some gateways answer (§2.13). */
  private *fromJson(body: WireResponse): Generator<StreamEvent> {
    if (body.status === 'failed' || body.error?.message) {
      const text = sanitizeApiError(body.error?.message ?? 'the response failed');
      throw new ProviderError(`${this.displayName} stream error: ${text}`, {
        provider: this.displayName,
        errorClass: errorClassOf(body.error?.code, text),
      });
    }
    const text = extractResponseText(body);
    if (!text) throw new ProviderError(`No response from ${this.displayName}.`, { provider: this.displayName, errorClass: 'server' });
    yield { type: 'text', delta: text };
    const usage = mapUsage(body.usage);
    if (Object.keys(usage).length > 0) yield { type: 'usage', usage };
    yield { type: 'done', finishReason: finishReasonOf(body) };
  }

  /** Curated: the backend has no model list (see CODEX_MODELS). */
  override async listModels(): Promise<ModelInfo[]> {
    return CODEX_MODELS.map((id) => ({ id }));
  }

  /** Makes sure the sign-in is valid (refreshing it if it is about to expire); spends no tokens. */
  override async warmup(): Promise<void> {
    this.checked(await this.options.auth.grant());
  }
}
