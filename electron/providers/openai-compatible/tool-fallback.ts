// Tools for a provider that cannot take them natively, or that refuses the `tools` field: the tool
// list goes into the system prompt (core/tool-instructions.ts, seed-core.md §5.3), the history's tool
// calls and results become text the model can read, and the <tool_call> blocks of the answer become
// tool calls again. The seed left that last step to its agent loop; here the provider returns real
// ToolCalls, streamed or whole, so chat and compare treat both kinds of provider alike.
import { limitAnswer } from '../limits';
import { withToolInstructions } from '../core/tool-instructions';
import type { ChatMessage, ChatRequest, StreamEvent, ToolCall } from '../traits';

const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';

/**
 * A 400/422 saying the provider rejects native tools (seed-wire.md §2.6, the seed's list, plus the
 * words vLLM and others use). A 401 or another 400 never falls back.
 */
const TOOLS_REJECTED_HINTS = [
  'unknown parameter: tools',
  'unsupported parameter: tools',
  'unrecognized field `tools`',
  'unrecognized request argument supplied: tools',
  'does not support tools',
  'tools is not supported',
  'tools are not supported',
  'function calling is not supported',
  'does not support function calling',
  'tool_choice',
  'tool choice',
  'tool call validation failed',
  'was not in request',
];

export function toolsRejected(status: number | undefined, message: string): boolean {
  if (status !== 400 && status !== 422) return false;
  const lower = message.toLowerCase();
  return TOOLS_REJECTED_HINTS.some((hint) => lower.includes(hint));
}

function toolCallText(call: ToolCall): string {
  let args: unknown = call.arguments;
  try {
    args = JSON.parse(call.arguments);
  } catch {
    // keep the text as it came
  }
  return `${OPEN}\n${JSON.stringify({ name: call.name, arguments: args })}\n${CLOSE}`;
}

/** History with structured tool turns, rewritten as the text protocol the instructions describe. */
function asText(messages: ChatMessage[]): ChatMessage[] {
  return messages.map((message): ChatMessage => {
    if (message.role === 'assistant' && message.toolCalls?.length) {
      const { toolCalls, ...rest } = message;
      return { ...rest, content: [message.content, ...toolCalls.map(toolCallText)].filter(Boolean).join('\n') };
    }
    if (message.role === 'tool') {
      const name = message.toolName ? ` name="${message.toolName}"` : '';
      return { role: 'user', content: `<tool_result${name}>\n${message.content}\n</tool_result>` };
    }
    return message;
  });
}

/** The same request with its tools described in the system prompt instead of sent as a field. */
export function promptGuidedRequest(request: ChatRequest): ChatRequest {
  const { tools, ...rest } = request;
  if (!tools?.length) return request;
  return { ...rest, messages: withToolInstructions(asText(request.messages), tools) };
}

/** One <tool_call> body → a call, or null when it is not the JSON the protocol asks for. */
function parseCall(body: string, newId: () => string): ToolCall | null {
  const json = body
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const { name, arguments: args, parameters } = parsed as { name?: unknown; arguments?: unknown; parameters?: unknown };
  if (typeof name !== 'string' || !name.trim()) return null;
  const value = args ?? parameters ?? {};
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  try {
    JSON.parse(text);
  } catch {
    text = '{}';
  }
  return { id: newId(), name: name.trim(), arguments: text };
}

/** Longest held-back text inside an unclosed block: past it, the "block" is given back as text. */
const MAX_BLOCK_CHARS = 1_000_000;

type Segment = { kind: 'text'; text: string } | { kind: 'block'; body: string };

/** Cuts streamed text into plain text and <tool_call> blocks, in order; tags may span deltas. */
export class ToolCallScanner {
  private buffer = '';
  private inside = false;

  push(delta: string): Segment[] {
    this.buffer += delta;
    const out: Segment[] = [];
    for (;;) {
      if (this.inside) {
        const at = this.buffer.indexOf(CLOSE);
        if (at === -1) {
          if (this.buffer.length > MAX_BLOCK_CHARS) out.push(...this.end());
          return out;
        }
        out.push({ kind: 'block', body: this.buffer.slice(0, at) });
        this.buffer = this.buffer.slice(at + CLOSE.length);
        this.inside = false;
        continue;
      }
      const at = this.buffer.indexOf(OPEN);
      if (at !== -1) {
        if (at > 0) out.push({ kind: 'text', text: this.buffer.slice(0, at) });
        this.buffer = this.buffer.slice(at + OPEN.length);
        this.inside = true;
        continue;
      }
      // Hold back a tail that could be the start of <tool_call>.
      let hold = Math.min(OPEN.length - 1, this.buffer.length);
      while (hold > 0 && !OPEN.startsWith(this.buffer.slice(this.buffer.length - hold))) hold -= 1;
      const ready = this.buffer.slice(0, this.buffer.length - hold);
      if (ready) out.push({ kind: 'text', text: ready });
      this.buffer = this.buffer.slice(ready.length);
      return out;
    }
  }

  /** The rest: an unclosed block (a model cut off after its call) is still tried as one. */
  end(): Segment[] {
    const rest = this.buffer;
    const inside = this.inside;
    this.buffer = '';
    this.inside = false;
    if (!rest) return [];
    return [inside ? { kind: 'block', body: rest } : { kind: 'text', text: rest }];
  }
}

/** Whole text → its plain text and tool calls (a non-streamed answer). */
export function splitToolCalls(text: string, newId: () => string): { text: string; toolCalls: ToolCall[] } {
  const scanner = new ToolCallScanner();
  const toolCalls: ToolCall[] = [];
  let plain = '';
  for (const segment of [...scanner.push(text), ...scanner.end()]) {
    const call = segment.kind === 'block' ? parseCall(segment.body, newId) : null;
    if (call) toolCalls.push(call);
    else plain += segment.kind === 'text' ? segment.text : `${OPEN}${segment.body}${CLOSE}`;
  }
  return { text: plain.trim(), toolCalls };
}

/**
 * Streams the answer of a prompt-guided request: text outside <tool_call> blocks passes through,
 * each block becomes a tool_call event, and the finish reason says tool_calls when there were any.
 * A block that is not valid JSON is given back as text, so nothing the model wrote is lost.
 */
export async function* toolCallsFromText(
  events: AsyncIterable<StreamEvent>,
  newId: () => string,
  provider = 'The provider',
): AsyncGenerator<StreamEvent> {
  const scanner = new ToolCallScanner();
  let calls = 0;
  const emit = function* (segments: Segment[]): Generator<StreamEvent> {
    for (const segment of segments) {
      const call = segment.kind === 'block' ? parseCall(segment.body, newId) : null;
      if (call) {
        calls += 1;
        yield { type: 'tool_call', call };
      } else {
        yield { type: 'text', delta: segment.kind === 'text' ? segment.text : `${OPEN}${segment.body}${CLOSE}` };
      }
    }
  };
  // The scanner holds an open <tool_call> block until it closes: the answer cap bounds what it can hold.
  for await (const event of limitAnswer(events, provider)) {
    if (event.type === 'text') {
      yield* emit(scanner.push(event.delta));
    } else if (event.type === 'done') {
      yield* emit(scanner.end());
      yield { type: 'done', finishReason: calls > 0 && event.finishReason === 'stop' ? 'tool_calls' : event.finishReason };
    } else {
      yield event;
    }
  }
}
