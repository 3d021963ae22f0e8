// A stream collected into a whole response: how `chat` is built on `stream` where that is simpler
// (core/base.ts), and how chains and tests read a whole answer. The answer cap applies here, since
// the whole answer is held in memory.
import type { TokenUsage } from '../../shared/types';
import { limitAnswer } from './limits';
import type { ChatResponse, FinishReason, SignedReasoning, StreamEvent, ToolCall } from './traits';

/**
 * Collects a stream into a whole response: how `chat` is built on `stream` where that is simpler.
 * The answer cap applies, since the whole answer is held here.
 */
export async function collectStream(events: AsyncIterable<StreamEvent>, model: string, provider = 'The provider'): Promise<ChatResponse> {
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  const signedReasoning: SignedReasoning[] = [];
  let usage: TokenUsage = {};
  let finishReason: FinishReason = 'unknown';
  for await (const event of limitAnswer(events, provider)) {
    if (event.type === 'text') text += event.delta;
    else if (event.type === 'reasoning') reasoning += event.delta;
    else if (event.type === 'tool_call') toolCalls.push(event.call);
    else if (event.type === 'usage') usage = { ...usage, ...event.usage };
    else if (event.type === 'signed_reasoning') signedReasoning.push(event.block);
    else finishReason = event.finishReason;
  }
  return {
    text,
    toolCalls,
    usage,
    finishReason,
    model,
    ...(reasoning && { reasoning }),
    ...(signedReasoning.length > 0 && { signedReasoning }),
  };
}
