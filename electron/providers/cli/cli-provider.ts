// One Provider for every CLI tool: the prompt is built from the conversation (tools as
// instructions, since the CLIs have no tool API), the tool runs once, and its answer streams out as
// the tool prints it. An API error the tool relays (in its output, with the backend's status) is
// raised as that error; a tool that fails without saying why is reported with its stderr.
// Temperature is not passed: none of the CLIs take one (the seed rejected or clamped it, which broke
// callers that sent 0.1).
import { classifyError, classifyHttpFailure, ProviderError, sanitizeApiError } from '../../http/errors';
import { BaseProvider } from '../core/base';
import { withToolInstructions } from '../core/tool-instructions';
import type { ChatMessage, ChatRequest, StreamEvent } from '../traits';
import { runCliLines, type CliExit, type CliTool } from './runner';
import type { CliInvocation } from './tools';

/** What a signed-out tool says ("Not logged in · Please run /login", "Please set an Auth method"). */
const SIGNED_OUT = /log ?in|sign ?in|auth|credential|api key/i;

const signInHint = (tool: CliTool) => `It may not be signed in: run \`${tool.binary}\` once in a terminal.`;

export interface CliProviderOptions {
  key: string;
  invocation: CliInvocation;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** A single prompt from the conversation: a labelled transcript when there is history (seed §5.2). */
export function transcript(messages: ChatMessage[]): string {
  const system = messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const turns = messages.filter((m) => m.role !== 'system');
  if (turns.length <= 1) return [system, turns[0]?.content ?? ''].filter(Boolean).join('\n\n');
  const parts = system ? [`[system]\n${system}`] : [];
  for (const turn of turns) parts.push(`[${turn.role}]\n${turn.content}`);
  parts.push('[assistant]');
  return parts.join('\n\n');
}

export class CliProvider extends BaseProvider {
  readonly key: string;
  readonly displayName: string;

  constructor(private readonly options: CliProviderOptions) {
    super({ nativeTools: false, vision: false, streaming: true, promptCaching: false });
    this.key = options.key;
    this.displayName = options.invocation.tool.name;
  }

  async *stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    const { invocation } = this.options;
    const { tool } = invocation;
    const messages = request.tools?.length ? withToolInstructions(request.messages, request.tools) : request.messages;
    const model = request.model.trim() === 'default' ? '' : request.model.trim();
    const invalid = invocation.checkModel?.(model);
    if (invalid) throw new ProviderError(`${tool.name}: ${invalid}`, { provider: tool.name, errorClass: 'bad_request' });
    const output = invocation.output();
    const lines = runCliLines({
      tool,
      args: invocation.args(model),
      stdin: transcript(messages),
      env: { ...this.options.env, ...invocation.env },
      timeoutMs: this.options.timeoutMs,
      signal: request.signal,
    });
    let exit: CliExit;
    try {
      for (;;) {
        const next = await lines.next();
        if (next.done) {
          exit = next.value;
          break;
        }
        yield* output.read(next.value);
      }
    } finally {
      // A caller that stops reading early stops the tool too.
      await lines.return(undefined as never);
    }
    const failure = output.failure();
    if (failure) {
      const message = sanitizeApiError(failure.message);
      if (failure.status)
        throw new ProviderError(`${tool.name}: ${message}`, {
          provider: tool.name,
          errorClass: classifyHttpFailure(failure.status, message),
          status: failure.status,
        });
      // No status: the tool refused before asking its backend, most often because it is signed out.
      const signedOut = SIGNED_OUT.test(message);
      const errorClass = signedOut ? 'auth' : classifyError(new Error(message));
      throw new ProviderError(`${tool.name}: ${message}${signedOut ? ` ${signInHint(tool)}` : ''}`, {
        provider: tool.name,
        errorClass: errorClass === 'unknown' ? 'server' : errorClass,
      });
    }
    if (exit.code !== 0) {
      const signedOut = SIGNED_OUT.test(exit.stderr);
      throw new ProviderError(
        `${tool.name} exited with ${exit.code ?? exit.signal}. ${signedOut ? `${signInHint(tool)} ` : ''}${exit.stderr ? `Stderr: ${exit.stderr}` : ''}`.trim(),
        { provider: tool.name, errorClass: signedOut ? 'auth' : 'server' },
      );
    }
    yield { type: 'done', finishReason: output.finishReason() ?? 'stop' };
  }
}
