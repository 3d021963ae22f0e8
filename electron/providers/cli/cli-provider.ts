// One Provider for every CLI tool: the prompt is built from the conversation (tools as
// instructions, since the CLIs have no tool API), the tool runs once, and its whole answer arrives
// as one text event. Temperature is not passed: none of the CLIs take one (the seed rejected or
// clamped it, which broke callers that sent 0.1).
import { withToolInstructions } from '../tool-instructions';
import { collectStream, type ChatMessage, type ChatRequest, type ChatResponse, type Provider, type ProviderCapabilities, type StreamEvent } from '../traits';
import { runCli, type CliTool } from './runner';

export interface CliProviderOptions {
  key: string;
  tool: CliTool;
  /** The arguments for a model ('' or "default": the tool's own default). */
  args(model: string): string[];
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** A single prompt from the conversation: a labelled transcript when there is history (seed §5.2). */
export function transcript(messages: ChatMessage[]): string {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
  const turns = messages.filter((m) => m.role !== 'system');
  if (turns.length <= 1) return [system, turns[0]?.content ?? ''].filter(Boolean).join('\n\n');
  const parts = system ? [`[system]\n${system}`] : [];
  for (const turn of turns) parts.push(`[${turn.role}]\n${turn.content}`);
  parts.push('[assistant]');
  return parts.join('\n\n');
}

export class CliProvider implements Provider {
  readonly key: string;
  readonly displayName: string;

  constructor(private readonly options: CliProviderOptions) {
    this.key = options.key;
    this.displayName = options.tool.name;
  }

  capabilities(): ProviderCapabilities {
    return { nativeTools: false, vision: false, streaming: false, promptCaching: false };
  }

  chat(request: ChatRequest): Promise<ChatResponse> {
    return collectStream(this.stream(request), request.model, this.displayName);
  }

  async *stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    const messages = request.tools?.length ? withToolInstructions(request.messages, request.tools) : request.messages;
    const text = await runCli({ tool: this.options.tool, args: this.options.args(request.model.trim() === 'default' ? '' : request.model.trim()), stdin: transcript(messages), env: this.options.env, timeoutMs: this.options.timeoutMs, signal: request.signal });
    if (text) yield { type: 'text', delta: text };
    yield { type: 'done', finishReason: 'stop' };
  }

  async listModels() {
    return [];
  }

  async warmup() {}
}
