// A stream collected into a whole response: how `chat` is built on `stream` where that is simpler
// (core/base.ts), and how chains and tests read a whole answer. The answer cap applies here, since
// the whole answer is held in memory.
import type { TokenUsage } from '../../shared/types';
import { limitAnswer } from './limits';
import type { ChatResponse, FinishReason, SignedReasoning, StreamEvent, ToolCall } from './traits';

/** A whole response built from events handed in one at a time, for callers that already loop over them. */
export class ResponseCollector {
  private text = '';
  private reasoning = '';
  private readonly toolCalls: ToolCall[] = [];
  private readonly signedReasoning: SignedReasoning[] = [];
  private usage: TokenUsage = {};
  private finishReason: FinishReason = 'unknown';

  add(event: StreamEvent): void {
    if (event.type === 'text') this.text += event.delta;
    else if (event.type === 'reasoning') this.reasoning += event.delta;
    else if (event.type === 'tool_call') this.toolCalls.push(event.call);
    else if (event.type === 'usage') this.usage = { ...this.usage, ...event.usage };
    else if (event.type === 'signed_reasoning') this.signedReasoning.push(event.block);
    else this.finishReason = event.finishReason;
  }

  response(model: string): ChatResponse {
    return {
      text: this.text,
      toolCalls: this.toolCalls,
      usage: this.usage,
      finishReason: this.finishReason,
      model,
      ...(this.reasoning && { reasoning: this.reasoning }),
      ...(this.signedReasoning.length > 0 && { signedReasoning: this.signedReasoning }),
    };
  }
}

/**
 * Collects a stream into a whole response: how `chat` is built on `stream` where that is simpler.
 * The answer cap applies, since the whole answer is held here.
 */
export async function collectStream(events: AsyncIterable<StreamEvent>, model: string, provider = 'The provider'): Promise<ChatResponse> {
  const collector = new ResponseCollector();
  for await (const event of limitAnswer(events, provider)) collector.add(event);
  return collector.response(model);
}
