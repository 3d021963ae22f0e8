// The Responses API as the fallback of an OpenAI-compatible endpoint whose /chat/completions answers
// 404 (seed-wire.md §2.2 "Responses URL", §2.7): some gateways and llama.cpp-style servers only
// serve /v1/responses. The request carries the conversation as text (no tools, temperature or
// token limit, as in the seed); the answer's text and usage come back as a ChatResponse.
import { readJson, sendRequest } from '../../http/client';
import { ProviderError, sanitizeApiError } from '../../http/errors';
import type { ChatMessage, ChatRequest, ChatResponse } from '../traits';

/**
 * The Responses URL next to a base URL: a path ending in /responses is used as is; /chat/completions
 * becomes its sibling …/responses; any other path gets /responses; a bare host gets /v1/responses.
 */
export function responsesUrl(baseUrl: string): string {
  const base = baseUrl.trim().replace(/\/+$/, '');
  let path: string;
  try {
    path = new URL(base).pathname.replace(/\/+$/, '');
  } catch {
    // a relative or broken base: treat it as having a path
    path = base;
  }
  if (path.endsWith('/responses')) return base;
  if (path.endsWith('/chat/completions')) return `${base.slice(0, -'/chat/completions'.length)}/responses`;
  return path ? `${base}/responses` : `${base}/v1/responses`;
}

function text(message: ChatMessage): string {
  // Tool calls in history are told as text, so the model still sees what it asked for.
  const calls = message.toolCalls?.map((call) => `[called ${call.name} with ${call.arguments}]`) ?? [];
  return [message.content, ...calls].filter((part) => part.trim()).join('\n');
}

/** The seed's body: system turns → instructions; assistant and tool turns → output messages. */
export function responsesBody(request: ChatRequest): { model: string; input: unknown[]; instructions?: string; stream: false } {
  const instructions = request.messages
    .filter((m) => m.role === 'system')
    .map(text)
    .filter(Boolean)
    .join('\n\n');
  const input = request.messages
    .filter((m) => m.role !== 'system' && text(m).trim())
    .map((m) =>
      m.role === 'assistant' || m.role === 'tool'
        ? { role: 'assistant', type: 'message', content: [{ type: 'output_text', text: text(m) }] }
        : { role: 'user', content: text(m) },
    );
  return { model: request.model, input, ...(instructions && { instructions }), stream: false };
}

interface ResponsesReply {
  output_text?: unknown;
  output?: Array<{ content?: Array<{ type?: unknown; text?: unknown }> }>;
  usage?: { input_tokens?: number; output_tokens?: number; input_tokens_details?: { cached_tokens?: number } };
  model?: string;
  status?: string;
}

/** The answer text: top-level output_text, else the first output_text part, else any part's text. */
export function responsesText(reply: ResponsesReply): string | undefined {
  const top = typeof reply.output_text === 'string' ? reply.output_text.trim() : '';
  if (top) return top;
  const parts = (reply.output ?? []).flatMap((item) => item?.content ?? []);
  const typed = parts.find((part) => part?.type === 'output_text' && typeof part.text === 'string' && part.text.trim());
  const any = typed ?? parts.find((part) => typeof part?.text === 'string' && part.text.trim());
  return typeof any?.text === 'string' ? any.text.trim() : undefined;
}

export interface ResponsesTarget {
  displayName: string;
  url: string;
  headers: Record<string, string>;
  env?: NodeJS.ProcessEnv;
}

/** One non-streamed call on the Responses API. */
export async function chatViaResponses(target: ResponsesTarget, request: ChatRequest): Promise<ChatResponse> {
  const { displayName } = target;
  const body = responsesBody(request);
  if (body.input.length === 0)
    throw new ProviderError(`${displayName} Responses API fallback requires at least one non-system message.`, {
      provider: displayName,
      errorClass: 'bad_request',
    });
  const response = await sendRequest(
    { provider: `${displayName} Responses`, url: target.url, headers: target.headers, body, signal: request.signal },
    target.env,
  );
  const reply = await readJson<ResponsesReply>(displayName, response);
  const answer = responsesText(reply);
  if (answer === undefined)
    throw new ProviderError(`No response from ${displayName} Responses API: ${sanitizeApiError(JSON.stringify(reply).slice(0, 300))}`, {
      provider: displayName,
      errorClass: 'server',
    });
  const usage = reply.usage;
  return {
    text: answer,
    toolCalls: [],
    usage: {
      ...(usage?.input_tokens !== undefined && { inputTokens: usage.input_tokens }),
      ...(usage?.output_tokens !== undefined && { outputTokens: usage.output_tokens }),
      ...(usage?.input_tokens_details?.cached_tokens !== undefined && { cachedInputTokens: usage.input_tokens_details.cached_tokens }),
    },
    finishReason: reply.status === 'incomplete' ? 'length' : 'stop',
    model: reply.model ?? request.model,
  };
}

/**
 * Whether a chat-completions failure should be retried on the Responses API: a 404 for the path.
 * A 404 that says the model does not exist would fail there too (the seed tried anyway).
 */
export function wantsResponsesFallback(error: unknown): error is ProviderError {
  return (
    error instanceof ProviderError && error.status === 404 && !/\bmodel\b/i.test(error.message.replace(/^[^:]*API error \([^)]*\):/, ''))
  );
}

/** The chat-completions 404 and the fallback's failure, in one error (seed-wire.md §2.6 wording). */
export function bothFailed(chatError: ProviderError, fallbackError: unknown): ProviderError {
  const detail = sanitizeApiError((fallbackError as Error)?.message ?? String(fallbackError));
  return new ProviderError(`${chatError.message} (chat completions unavailable; responses fallback failed: ${detail})`, {
    provider: chatError.provider,
    errorClass: chatError.errorClass,
    status: chatError.status,
    cause: fallbackError,
  });
}
