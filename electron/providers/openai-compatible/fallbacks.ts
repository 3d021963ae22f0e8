// The second tries of an OpenAI-compatible endpoint (seed-wire.md §2.6), around its one chat call:
// - tools for a provider without native tool calling, or one that refuses the `tools` field (a 400
//   or 422 saying so), go as instructions in the system prompt, and the answer's <tool_call>
//   blocks come back as tool calls;
// - a 404 from /chat/completions is retried on the Responses API, when the vendor has it.
// Both apply to streams too, as long as nothing has been streamed yet.
import { ProviderError } from '../../http/errors';
import { bothFailed, chatViaResponses, wantsResponsesFallback, type ResponsesTarget } from './responses';
import { promptGuidedRequest, splitToolCalls, toolCallsFromText, toolsRejected } from './tool-fallback';
import type { ChatRequest, ChatResponse, StreamEvent } from '../traits';

export interface FallbackContext {
  /** Names the provider in errors (the answer cap of a prompt-guided stream). */
  displayName: string;
  nativeTools: boolean;
  /** Where the Responses API is, or null when the vendor has none (GLM, NVIDIA, MiniMax, Azure). */
  responses(): ResponsesTarget | null;
  newId(): string;
}

function refusesTools(request: ChatRequest, error: unknown): boolean {
  return (
    Boolean(request.tools?.length) &&
    request.toolFallback !== false &&
    error instanceof ProviderError &&
    toolsRejected(error.status, error.message)
  );
}

async function promptGuided(
  context: FallbackContext,
  request: ChatRequest,
  send: (request: ChatRequest) => Promise<ChatResponse>,
): Promise<ChatResponse> {
  const response = await send(promptGuidedRequest(request));
  const { text, toolCalls } = splitToolCalls(response.text, () => context.newId());
  return {
    ...response,
    text,
    toolCalls,
    finishReason: toolCalls.length > 0 && response.finishReason === 'stop' ? 'tool_calls' : response.finishReason,
  };
}

async function viaResponses(context: FallbackContext, request: ChatRequest, chatError: ProviderError): Promise<ChatResponse | null> {
  const target = context.responses();
  if (!target) return null;
  try {
    return await chatViaResponses(target, request);
  } catch (error) {
    throw bothFailed(chatError, error);
  }
}

export async function chatWithFallbacks(
  context: FallbackContext,
  request: ChatRequest,
  send: (request: ChatRequest) => Promise<ChatResponse>,
): Promise<ChatResponse> {
  if (request.tools?.length && !context.nativeTools && request.toolFallback !== false) return promptGuided(context, request, send);
  try {
    return await send(request);
  } catch (error) {
    if (refusesTools(request, error)) return promptGuided(context, request, send);
    if (wantsResponsesFallback(error)) {
      const answer = await viaResponses(context, request, error);
      if (answer) return answer;
    }
    throw error;
  }
}

/**
 * The stream, with the same second tries as `chatWithFallbacks` when its first step fails (the
 * HTTP status arrives before any event). After the first event nothing is retried: that would
 * repeat what was streamed. The common path adds no step per event: `next()` is the stream's own.
 */
export function streamWithFallbacks(
  context: FallbackContext,
  request: ChatRequest,
  open: (request: ChatRequest) => AsyncIterableIterator<StreamEvent>,
): AsyncIterableIterator<StreamEvent> {
  const newId = () => context.newId();
  if (request.tools?.length && !context.nativeTools && request.toolFallback !== false)
    return toolCallsFromText(open(promptGuidedRequest(request)), newId, context.displayName);
  let current = open(request);
  let first = true;
  const recover = (error: unknown): AsyncIterableIterator<StreamEvent> => {
    if (refusesTools(request, error)) return toolCallsFromText(open(promptGuidedRequest(request)), newId, context.displayName);
    if (wantsResponsesFallback(error) && context.responses()) return responsesEvents(context, request, error);
    throw error;
  };
  const iterator: AsyncIterableIterator<StreamEvent> = {
    next() {
      if (!first) return current.next();
      first = false;
      return current.next().catch((error: unknown) => {
        current = recover(error);
        return current.next();
      });
    },
    return(value?: unknown) {
      return current.return?.(value) ?? Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/** The Responses fallback is not streamed: its whole answer comes as one piece. */
async function* responsesEvents(context: FallbackContext, request: ChatRequest, chatError: ProviderError): AsyncGenerator<StreamEvent> {
  const answer = await viaResponses(context, request, chatError);
  if (!answer) throw chatError;
  if (answer.text) yield { type: 'text', delta: answer.text };
  yield { type: 'usage', usage: answer.usage };
  yield { type: 'done', finishReason: answer.finishReason };
}
