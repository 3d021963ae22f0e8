// What both client formats share: the request they parse into, the shape of an encoder for a
// streamed answer, zod issues as one readable message, and images as data: URIs.
import { z } from 'zod';
import type { TokenUsage } from '../../shared/types';
import type { ChatRequest, ChatResponse, FinishReason, StreamEvent, ToolCall } from '../providers/traits';
import { estimateTokens } from '../services/stream/metrics';
import { GatewayError } from './errors';

/** A client's request in our terms, whatever format it came in. */
export interface ClientRequest {
  model: string;
  stream: boolean;
  /** OpenAI's stream_options.include_usage: a last chunk with the usage. */
  includeUsage: boolean;
  chat: Omit<ChatRequest, 'model' | 'signal'>;
}

/** Turns the engine's events into the bytes of one client format's event stream. */
export interface StreamEncoder {
  start(): string;
  event(event: StreamEvent): string;
  end(): string;
  error(error: GatewayError): string;
}

/** Model names are short; a bound keeps a hostile one out of the request log and error messages. */
export const ModelName = z.string().min(1).max(256, 'a model name has at most 256 characters');

/** What an encoder must remember to close a stream: answer length, tool calls, usage, finish reason. */
export class StreamTally {
  chars = 0;
  tools = 0;
  usage: TokenUsage = {};
  finish: FinishReason = 'stop';

  /** Notes the event; true when it carries nothing to write (usage and done are sent at the end). */
  note(event: StreamEvent): boolean {
    switch (event.type) {
      case 'text':
      case 'reasoning':
        this.chars += event.delta.length;
        return false;
      case 'tool_call':
        this.tools += 1;
        return false;
      case 'usage':
        this.usage = { ...this.usage, ...event.usage };
        return true;
      case 'done':
        this.finish = event.finishReason;
        return true;
      case 'signed_reasoning':
        return false;
    }
  }
}

export interface AnswerMeta {
  id: string;
  /** The model name the client asked for, echoed back as the APIs do. */
  model: string;
  /** Characters of the prompt, to estimate input tokens when a provider reports no usage. */
  promptChars: number;
}

export interface ClientFormat {
  name: 'openai' | 'anthropic';
  parse(body: unknown): ClientRequest;
  whole(answer: ChatResponse, meta: AnswerMeta): object;
  stream(meta: AnswerMeta & { includeUsage: boolean }): StreamEncoder;
  error(error: GatewayError): object;
}

export function invalidRequest(error: z.ZodError, format: string): GatewayError {
  const issues = error.issues.slice(0, 5).map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
  return new GatewayError(400, 'invalid_request', `This is not a valid ${format} request: ${issues.join('; ')}.`);
}

/** Only inline images: fetching a URL a client names would let any client make the host fetch anything. */
export function checkDataUri(url: string, where: string): string {
  if (/^data:image\/[a-z0-9.+-]+;base64,/i.test(url)) return url;
  throw new GatewayError(
    400,
    'invalid_request',
    `${where}: only inline images (data:image/…;base64,…) are accepted; the gateway does not fetch image URLs.`,
  );
}

export function promptChars(chat: ClientRequest['chat']): number {
  return chat.messages.reduce((n, m) => n + m.content.length, 0);
}

/** The usage to report: the provider's, else an estimate from characters (four per token). */
export function reportedUsage(
  usage: TokenUsage,
  meta: { promptChars: number },
  answerChars: number,
): Required<Pick<TokenUsage, 'inputTokens' | 'outputTokens'>> & TokenUsage {
  return {
    ...usage,
    inputTokens: usage.inputTokens ?? estimateTokens(meta.promptChars),
    outputTokens: usage.outputTokens ?? estimateTokens(answerChars),
  };
}

export function sseData(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

export function safeJson(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

const SIGNATURE_MARK = '__sysig_';

/**
 * The tool-call id a client sees. A provider's signature on a call (Gemini 3's thoughtSignature,
 * which it refuses the next turn without) has no place in either client format, so it rides inside
 * the id, base64url-encoded (ids stay [A-Za-z0-9_-], as Anthropic's tool_use ids must), and comes
 * back when the client echoes the id.
 */
export function clientToolCallId(call: Pick<ToolCall, 'id' | 'signature'>): string {
  return call.signature ? `${call.id}${SIGNATURE_MARK}${Buffer.from(call.signature, 'utf8').toString('base64url')}` : call.id;
}

/** The provider's id and signature from an id a client sent back. */
export function providerToolCallId(clientId: string): { id: string; signature?: string } {
  const at = clientId.lastIndexOf(SIGNATURE_MARK);
  if (at < 0) return { id: clientId };
  return { id: clientId.slice(0, at), signature: Buffer.from(clientId.slice(at + SIGNATURE_MARK.length), 'base64url').toString('utf8') };
}
