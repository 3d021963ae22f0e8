// Reading what each CLI prints in its machine-readable mode, one JSON object per line, into stream
// events. Checked against the real programs (tests/integration/providers/cli-real.test.ts):
// - Claude Code `--output-format stream-json --verbose --include-partial-messages`: the API's own
//   stream events wrapped as {type:"stream_event", event}, then one {type:"result"} with the usage,
//   or with is_error, the API status and the message when the backend refused.
// - Gemini CLI `--output-format stream-json`: {type:"message", role:"assistant", delta:true} pieces,
//   then {type:"result", status:"success"|"error", stats | error}.
// - Kilo `run --format json`: a whole {type:"text"} part at a time (Kilo prints parts when they
//   end, not token by token), {type:"step_finish"} with the step's tokens, {type:"error"}.
// Lines that are not JSON, or not one of these, are skipped: the tools add kinds of events over time.
import type { TokenUsage } from '../../../shared/types';
import type { FinishReason, StreamEvent } from '../traits';

/** A failure the tool reported in its output: usually an API error it relayed from its backend. */
export interface CliFailure {
  message: string;
  status?: number;
}

export interface CliOutputReader {
  /** The events one line of output carries. */
  read(line: string): StreamEvent[];
  /** What the tool said went wrong, if it said so. */
  failure(): CliFailure | undefined;
  /** The finish reason it reported, if any. */
  finishReason(): FinishReason | undefined;
}

type Json = Record<string, unknown>;

function parseLine(line: string): Json | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

const obj = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const count = (value: unknown): number | undefined =>
  Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : undefined;

function usage(fields: Record<keyof TokenUsage, unknown>): StreamEvent[] {
  const result: TokenUsage = {};
  for (const [key, value] of Object.entries(fields) as Array<[keyof TokenUsage, unknown]>) {
    const n = count(value);
    if (n !== undefined) result[key] = n;
  }
  return Object.keys(result).length ? [{ type: 'usage', usage: result }] : [];
}

function finishOf(reason: string | undefined): FinishReason {
  switch (reason) {
    case 'max_tokens':
    case 'length':
      return 'length';
    case 'refusal':
    case 'content-filter':
      return 'content_filter';
    default:
      return 'stop';
  }
}

/** What a reader records besides events: a failure (several are joined), the finish reason. */
interface Outcome {
  failed(failure: CliFailure): void;
  finished(reason: FinishReason): void;
}

/** A reader from a function of one parsed line; lines that are not a JSON object are skipped. */
function reader(readEvent: (event: Json, outcome: Outcome) => StreamEvent[]): CliOutputReader {
  let failure: CliFailure | undefined;
  let finish: FinishReason | undefined;
  const outcome: Outcome = {
    failed: (next) => (failure = failure ? { ...failure, message: `${failure.message}; ${next.message}` } : next),
    finished: (reason) => (finish = reason),
  };
  return {
    read(line) {
      const event = parseLine(line);
      return event ? readEvent(event, outcome) : [];
    },
    failure: () => failure,
    finishReason: () => finish,
  };
}

/** Claude Code's stream-json. */
export function claudeCodeOutput(): CliOutputReader {
  let streamedText = false;
  return reader((event, outcome) => {
    // Sub-agent traffic carries the id of the tool call that started it; only the main answer counts.
    if (event.type === 'stream_event' && !event.parent_tool_use_id) {
      const delta = obj(obj(event.event).delta);
      if (delta.type === 'text_delta' && str(delta.text)) {
        streamedText = true;
        return [{ type: 'text', delta: delta.text as string }];
      }
      if (delta.type === 'thinking_delta' && str(delta.thinking)) return [{ type: 'reasoning', delta: delta.thinking as string }];
      return [];
    }
    if (event.type !== 'result') return [];
    if (event.is_error === true) {
      const errors = Array.isArray(event.errors) ? event.errors.filter((e): e is string => typeof e === 'string') : [];
      outcome.failed({
        message: str(event.result) || errors.join('; ') || `the run ended with "${str(event.subtype) ?? 'an error'}"`,
        status: count(event.api_error_status),
      });
      return [];
    }
    outcome.finished(finishOf(str(event.stop_reason)));
    const u = obj(event.usage);
    const events = usage({
      inputTokens: u.input_tokens,
      outputTokens: u.output_tokens,
      cachedInputTokens: u.cache_read_input_tokens,
      reasoningTokens: obj(u.output_tokens_details).thinking_tokens,
    });
    // Without partial messages (an older version, or a non-streamed fallback) the answer is only here.
    return !streamedText && str(event.result) ? [{ type: 'text', delta: event.result as string }, ...events] : events;
  });
}

/** Gemini CLI's stream-json. */
export function geminiCliOutput(): CliOutputReader {
  return reader((event, outcome) => {
    if (event.type === 'message' && event.role === 'assistant' && str(event.content))
      return [{ type: 'text', delta: event.content as string }];
    if (event.type !== 'result') return [];
    if (event.status !== 'success') {
      const error = obj(event.error);
      outcome.failed({
        message: str(error.message) ?? `the run ended with status "${str(event.status) ?? 'unknown'}"`,
        status: count(error.code),
      });
      return [];
    }
    outcome.finished('stop');
    const stats = obj(event.stats);
    return usage({
      inputTokens: stats.input_tokens,
      outputTokens: stats.output_tokens,
      cachedInputTokens: stats.cached,
      reasoningTokens: undefined,
    });
  });
}

/** Kilo's `run --format json`. */
export function kiloOutput(): CliOutputReader {
  let texts = 0;
  const total: Required<TokenUsage> = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0 };
  return reader((event, outcome) => {
    const part = obj(event.part);
    if (event.type === 'text' && str(part.text)) {
      // Parts arrive whole; a second part is a new paragraph, as Kilo's own printout shows it.
      const delta = texts++ ? `\n\n${part.text as string}` : (part.text as string);
      return [{ type: 'text', delta }];
    }
    if (event.type === 'reasoning' && str(part.text)) return [{ type: 'reasoning', delta: part.text as string }];
    if (event.type === 'step_finish') {
      outcome.finished(finishOf(str(part.reason)));
      // Each step reports its own tokens; a run of several steps costs their sum.
      const tokens = obj(part.tokens);
      total.inputTokens += count(tokens.input) ?? 0;
      total.outputTokens += count(tokens.output) ?? 0;
      total.reasoningTokens += count(tokens.reasoning) ?? 0;
      total.cachedInputTokens += count(obj(tokens.cache).read) ?? 0;
      return usage(total);
    }
    if (event.type === 'error') {
      const error = obj(event.error);
      const data = obj(error.data);
      outcome.failed({
        message: str(data.message) ?? str(event.error) ?? str(error.message) ?? str(error.name) ?? 'unknown error',
        status: count(data.statusCode),
      });
    }
    return [];
  });
}
