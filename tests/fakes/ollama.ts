// The Ollama API (github.com/ollama/ollama docs/api.md) as a loopback fake: /api/version, /api/tags,
// and a scriptable /api/chat that streams NDJSON. More endpoints can be added with `route`.
import { startFakeServer, type FakeServer, type Handler, type Reply } from './server';

export interface FakeModel {
  name: string;
  size?: number;
  family?: string;
  parameterSize?: string;
  quantization?: string;
}

export function ndjson(values: object[]): string {
  return values.map((value) => `${JSON.stringify(value)}\n`).join('');
}

/** The NDJSON lines of a streamed /api/chat answer, ending with the done line and its counters. */
export function chatStream(model: string, tokens: string[], options: { thinking?: string[]; promptEvalCount?: number; evalCount?: number; toolCalls?: object[] } = {}): object[] {
  const lines: object[] = [];
  for (const piece of options.thinking ?? []) lines.push({ model, created_at: '2026-11-24T00:00:00Z', message: { role: 'assistant', content: '', thinking: piece }, done: false });
  for (const token of tokens) lines.push({ model, created_at: '2026-11-24T00:00:00Z', message: { role: 'assistant', content: token }, done: false });
  if (options.toolCalls) lines.push({ model, created_at: '2026-11-24T00:00:00Z', message: { role: 'assistant', content: '', tool_calls: options.toolCalls }, done: false });
  lines.push({
    model,
    created_at: '2026-11-24T00:00:00Z',
    message: { role: 'assistant', content: '' },
    done: true,
    done_reason: 'stop',
    total_duration: 1_200_000_000,
    load_duration: 200_000_000,
    prompt_eval_count: options.promptEvalCount ?? 8,
    prompt_eval_duration: 100_000_000,
    eval_count: options.evalCount ?? tokens.length,
    eval_duration: 900_000_000,
  });
  return lines;
}

export interface FakeOllama extends FakeServer {
  onChat(handler: Handler | Reply): void;
}

export async function startFakeOllama(models: FakeModel[] = [{ name: 'llama3.2:3b', size: 2_019_393_189, family: 'llama', parameterSize: '3.2B', quantization: 'Q4_K_M' }]): Promise<FakeOllama> {
  const server = await startFakeServer();
  server.route('GET', '/api/version', { body: { version: '0.12.0' } });
  server.route('GET', '/api/tags', {
    body: {
      models: models.map((m) => ({ name: m.name, model: m.name, modified_at: '2026-11-01T00:00:00Z', size: m.size ?? 1_000_000, digest: 'sha256:fake', details: { format: 'gguf', family: m.family ?? 'llama', families: [m.family ?? 'llama'], parameter_size: m.parameterSize ?? '1B', quantization_level: m.quantization ?? 'Q4_0' } })),
    },
  });
  server.route('POST', '/api/chat', (request) => {
    const body = request.body as { model?: string };
    const model = body?.model ?? 'llama3.2:3b';
    if (!models.some((m) => m.name === model)) return { status: 404, body: { error: `model '${model}' not found` } };
    return { headers: { 'content-type': 'application/x-ndjson' }, chunks: [ndjson(chatStream(model, ['Hi', ' there', '!']))] };
  });
  return Object.assign(server, {
    onChat(handler: Handler | Reply) {
      server.route('POST', '/api/chat', handler);
    },
  });
}
