// What a user should see from a recorded response, computed from the recording itself by plain
// reading of each wire format's documentation, without any adapter code: the answer text, the
// reasoning, the tool calls, the usage and the finish reason.
import type { TokenUsage } from '../../../shared/types';
import type { ChatResponse, FinishReason, SignedReasoning } from '../../../electron/providers/traits';

export interface ExpectedCall {
  id?: string;
  name: string;
  args: unknown;
  signature?: string;
}

export interface Expected {
  text: string;
  reasoning: string;
  toolCalls: ExpectedCall[];
  usage: TokenUsage;
  finishReason: FinishReason;
  signedReasoning: SignedReasoning[];
}

/** Loosely typed JSON: recordings are data, read field by field. */
type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function parseArgs(text: string): unknown {
  try {
    return JSON.parse(text.trim() || '{}') as unknown;
  } catch {
    return {};
  }
}

function defined(usage: Record<string, number | undefined>): TokenUsage {
  return Object.fromEntries(Object.entries(usage).filter(([, v]) => typeof v === 'number')) as TokenUsage;
}

const empty = (): Expected => ({ text: '', reasoning: '', toolCalls: [], usage: {}, finishReason: 'unknown', signedReasoning: [] });

// ---- OpenAI chat completions (and the servers that speak it) --------------------------------

const CHAT_FINISH: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  content_filter: 'content_filter',
  function_call: 'tool_calls',
};

/** `content` is a string, or typed parts: text is the answer, thinking is reasoning (Mistral). */
function chatContent(content: unknown): { text: string; thinking: string } {
  if (typeof content === 'string') return { text: content, thinking: '' };
  let text = '';
  let thinking = '';
  for (const part of Array.isArray(content) ? (content as J[]) : []) {
    if (part.type === 'text') text += part.text ?? '';
    if (part.type === 'thinking')
      thinking += typeof part.thinking === 'string' ? part.thinking : ((part.thinking ?? []) as J[]).map((p) => p.text ?? '').join('');
  }
  return { text, thinking };
}

function chatUsage(usage: J | null | undefined): TokenUsage {
  if (!usage) return {};
  return defined({
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    cachedInputTokens: usage.prompt_tokens_details?.cached_tokens,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens,
  });
}

export function chatCompletionsStream(events: unknown[]): Expected {
  const out = empty();
  const calls: Array<{ id?: string; name: string; args: string }> = [];
  const byIndex = new Map<number, (typeof calls)[number]>();
  let finish: string | undefined;
  let usage: J | undefined;
  for (const event of events as J[]) {
    if (event.usage) usage = event.usage;
    for (const choice of (event.choices ?? []) as J[]) {
      const delta = choice.delta ?? {};
      const content = chatContent(delta.content);
      out.text += content.text;
      out.reasoning += content.thinking + (delta.reasoning_content ?? delta.reasoning ?? '');
      for (const part of (delta.tool_calls ?? []) as J[]) {
        // Parts of one call share an index; without one, a part with an id starts a new call.
        let call = typeof part.index === 'number' ? byIndex.get(part.index) : part.id ? undefined : calls.at(-1);
        if (!call) {
          call = { name: '', args: '' };
          calls.push(call);
          if (typeof part.index === 'number') byIndex.set(part.index, call);
        }
        if (part.id) call.id = part.id;
        if (part.function?.name) call.name = part.function.name;
        call.args += part.function?.arguments ?? '';
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
  }
  out.toolCalls = calls.map((c) => ({ ...(c.id && { id: c.id }), name: c.name, args: parseArgs(c.args) }));
  out.usage = chatUsage(usage);
  out.finishReason = (finish ? CHAT_FINISH[finish] : undefined) ?? 'unknown';
  return out;
}

export function chatCompletionsWhole(body: unknown): Expected {
  const out = empty();
  const choice = ((body as J).choices ?? [])[0] as J;
  const message = choice.message ?? {};
  const content = chatContent(message.content);
  // A whole answer is shown trimmed.
  out.text = content.text.trim();
  out.reasoning = [message.reasoning_content ?? message.reasoning ?? '', content.thinking].filter(Boolean).join('\n');
  out.toolCalls = ((message.tool_calls ?? []) as J[]).map((c) => ({
    ...(c.id && { id: c.id }),
    name: c.function.name,
    args: parseArgs(c.function.arguments ?? ''),
  }));
  out.usage = chatUsage((body as J).usage);
  out.finishReason = CHAT_FINISH[choice.finish_reason] ?? 'unknown';
  return out;
}

// ---- Anthropic Messages streaming -------------------------------------------------------------

const ANTHROPIC_FINISH: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

export function anthropicStream(events: unknown[]): Expected {
  const out = empty();
  const blocks = new Map<
    number,
    { type: string; text: string; signature: string; id?: string; name?: string; json: string; data?: string }
  >();
  let start: J = {};
  let last: J = {};
  for (const event of events as J[]) {
    if (event.type === 'message_start') start = event.message?.usage ?? {};
    if (event.type === 'content_block_start') {
      const b = event.content_block;
      blocks.set(event.index, { type: b.type, text: '', signature: b.signature ?? '', id: b.id, name: b.name, json: '', data: b.data });
    }
    if (event.type === 'content_block_delta') {
      const block = blocks.get(event.index)!;
      const d = event.delta;
      if (d.type === 'text_delta') out.text += d.text;
      if (d.type === 'thinking_delta') {
        out.reasoning += d.thinking;
        block.text += d.thinking;
      }
      if (d.type === 'signature_delta') block.signature += d.signature;
      if (d.type === 'input_json_delta') block.json += d.partial_json;
    }
    if (event.type === 'content_block_stop') {
      const block = blocks.get(event.index)!;
      if (block.type === 'tool_use') out.toolCalls.push({ id: block.id, name: block.name!, args: parseArgs(block.json) });
      if (block.type === 'thinking' && block.signature) out.signedReasoning.push({ text: block.text, signature: block.signature });
      if (block.type === 'redacted_thinking' && block.data) out.signedReasoning.push({ redacted: block.data });
    }
    if (event.type === 'message_delta') {
      // Usage in message_delta is cumulative (streaming docs, "Event types"): it is the final word.
      last = event.usage ?? {};
      out.finishReason = ANTHROPIC_FINISH[event.delta?.stop_reason] ?? 'unknown';
    }
  }
  out.usage = defined({
    inputTokens: last.input_tokens ?? start.input_tokens,
    cachedInputTokens: last.cache_read_input_tokens ?? start.cache_read_input_tokens,
    outputTokens: last.output_tokens ?? start.output_tokens,
  });
  return out;
}

// ---- Gemini streamGenerateContent -------------------------------------------------------------

/** Gemini chunks are whole GenerateContentResponses; a whole response reads as a one-chunk stream. */
export function geminiResponses(chunks: unknown[]): Expected {
  const out = empty();
  let finish: string | undefined;
  let meta: J | undefined;
  for (const chunk of chunks as J[]) {
    const candidate = (chunk.candidates ?? [])[0] ?? {};
    for (const part of (candidate.content?.parts ?? []) as J[]) {
      if (part.functionCall)
        out.toolCalls.push({
          name: part.functionCall.name,
          args: part.functionCall.args ?? {},
          ...(part.thoughtSignature && { signature: part.thoughtSignature }),
        });
      else if (part.thought) out.reasoning += part.text ?? '';
      else out.text += part.text ?? '';
    }
    if (candidate.finishReason) finish = candidate.finishReason;
    if (chunk.usageMetadata) meta = chunk.usageMetadata;
  }
  // ai.google.dev/api/generate-content#UsageMetadata: thinking is counted apart from the candidates.
  if (meta) {
    const output =
      meta.candidatesTokenCount === undefined && meta.thoughtsTokenCount === undefined
        ? undefined
        : (meta.candidatesTokenCount ?? 0) + (meta.thoughtsTokenCount ?? 0);
    out.usage = defined({
      inputTokens: meta.promptTokenCount,
      outputTokens: output,
      reasoningTokens: meta.thoughtsTokenCount,
      cachedInputTokens: meta.cachedContentTokenCount,
    });
  }
  out.finishReason = out.toolCalls.length > 0 ? 'tool_calls' : finish === 'STOP' ? 'stop' : finish === 'MAX_TOKENS' ? 'length' : 'unknown';
  return out;
}

// ---- Bedrock Converse / ConverseStream --------------------------------------------------------

const BEDROCK_FINISH: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  guardrail_intervened: 'content_filter',
  content_filtered: 'content_filter',
};

function bedrockUsage(usage: J | undefined): TokenUsage {
  return usage
    ? defined({ inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, cachedInputTokens: usage.cacheReadInputTokens })
    : {};
}

export function bedrockStream(events: unknown[]): Expected {
  const out = empty();
  const reasoning = new Map<number, { text: string; signature: string }>();
  const tools = new Map<number, { id: string; name: string; json: string }>();
  for (const event of events as J[]) {
    if (event.contentBlockStart?.start?.toolUse) {
      const t = event.contentBlockStart.start.toolUse;
      tools.set(event.contentBlockStart.contentBlockIndex, { id: t.toolUseId, name: t.name, json: '' });
    }
    if (event.contentBlockDelta) {
      const { contentBlockIndex: index, delta } = event.contentBlockDelta;
      if (typeof delta.text === 'string') out.text += delta.text;
      if (delta.reasoningContent) {
        const r = reasoning.get(index) ?? { text: '', signature: '' };
        r.text += delta.reasoningContent.text ?? '';
        r.signature += delta.reasoningContent.signature ?? '';
        reasoning.set(index, r);
        out.reasoning += delta.reasoningContent.text ?? '';
      }
      if (delta.toolUse) tools.get(index)!.json += delta.toolUse.input ?? '';
    }
    if (event.contentBlockStop) {
      const index = event.contentBlockStop.contentBlockIndex;
      const r = reasoning.get(index);
      if (r?.signature) out.signedReasoning.push(r);
      const t = tools.get(index);
      if (t) out.toolCalls.push({ id: t.id, name: t.name, args: parseArgs(t.json) });
    }
    if (event.messageStop) out.finishReason = BEDROCK_FINISH[event.messageStop.stopReason] ?? 'unknown';
    if (event.metadata) out.usage = bedrockUsage(event.metadata.usage);
  }
  return out;
}

export function bedrockWhole(body: unknown): Expected {
  const out = empty();
  for (const block of ((body as J).output?.message?.content ?? []) as J[]) {
    if (typeof block.text === 'string') out.text += block.text;
    const thought = block.reasoningContent?.reasoningText;
    if (thought) {
      out.reasoning += thought.text;
      if (thought.signature) out.signedReasoning.push({ text: thought.text, signature: thought.signature });
    }
    if (block.toolUse) out.toolCalls.push({ id: block.toolUse.toolUseId, name: block.toolUse.name, args: block.toolUse.input ?? {} });
  }
  out.usage = bedrockUsage((body as J).usage);
  out.finishReason = BEDROCK_FINISH[(body as J).stopReason] ?? 'unknown';
  return out;
}

// ---- OpenAI Responses streaming (the Codex backend) -------------------------------------------

/** The failure a Responses stream reports (an `error` event, or `response.failed`), if any. */
export function responsesFailure(events: unknown[]): string | undefined {
  for (const event of events as J[]) {
    if (event.type === 'error') return event.message ?? event.error?.message;
    if (event.type === 'response.failed') return event.response?.error?.message;
  }
  return undefined;
}

function responsesUsage(usage: J | undefined): TokenUsage {
  return usage
    ? defined({
        inputTokens: usage.input_tokens,
        outputTokens: usage.output_tokens,
        cachedInputTokens: usage.input_tokens_details?.cached_tokens,
        reasoningTokens: usage.output_tokens_details?.reasoning_tokens,
      })
    : {};
}

/** Each output item is its own message (a codex model's commentary, then its final answer): paragraphs. */
export function responsesStream(events: unknown[]): Expected {
  const out = empty();
  const summaries: string[] = [];
  const items = new Map<number, string>();
  for (const event of events as J[]) {
    if (event.type === 'response.output_text.delta') items.set(event.output_index, (items.get(event.output_index) ?? '') + event.delta);
    if (event.type === 'response.reasoning_summary_text.delta' || event.type === 'response.reasoning_text.delta') {
      const index = event.summary_index ?? 0;
      summaries[index] = (summaries[index] ?? '') + event.delta;
    }
    if (event.type === 'response.completed') {
      out.usage = responsesUsage(event.response?.usage);
      out.finishReason = 'stop';
    }
  }
  out.text = [...items.values()].join('\n\n');
  // The summary's parts read as paragraphs.
  out.reasoning = summaries.filter((s) => s !== undefined).join('\n\n');
  return out;
}

export function responsesWhole(body: unknown): Expected {
  const out = empty();
  const messages = ((body as J).output ?? []) as J[];
  out.text = messages
    .map((item) =>
      ((item.content ?? []) as J[])
        .filter((part) => part.type === 'output_text')
        .map((part) => part.text)
        .join(''),
    )
    .filter((text) => text.trim())
    .join('\n\n');
  out.usage = responsesUsage((body as J).usage);
  out.finishReason = (body as J).status === 'completed' ? 'stop' : 'unknown';
  return out;
}

/** The adapter's answer in the same terms, keeping tool-call ids only where the recording has them. */
export function observed(response: ChatResponse, expected: Expected): Expected {
  return {
    text: response.text,
    reasoning: response.reasoning ?? '',
    toolCalls: response.toolCalls.map((call, i) => ({
      ...(expected.toolCalls[i]?.id !== undefined && { id: call.id }),
      name: call.name,
      args: parseArgs(call.arguments),
      ...(call.signature && { signature: call.signature }),
    })),
    usage: response.usage,
    finishReason: response.finishReason,
    signedReasoning: response.signedReasoning ?? [],
  };
}
