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
export function chatStream(
  model: string,
  tokens: string[],
  options: { thinking?: string[]; promptEvalCount?: number; evalCount?: number; toolCalls?: object[] } = {},
): object[] {
  const lines: object[] = [];
  for (const piece of options.thinking ?? [])
    lines.push({ model, created_at: '2026-11-24T00:00:00Z', message: { role: 'assistant', content: '', thinking: piece }, done: false });
  for (const token of tokens)
    lines.push({ model, created_at: '2026-11-24T00:00:00Z', message: { role: 'assistant', content: token }, done: false });
  if (options.toolCalls)
    lines.push({
      model,
      created_at: '2026-11-24T00:00:00Z',
      message: { role: 'assistant', content: '', tool_calls: options.toolCalls },
      done: false,
    });
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

/** The /api/tags answer listing these models (docs/api.md "List Local Models"). */
function tagsReply(models: FakeModel[]): Reply {
  return {
    body: {
      models: models.map((m) => ({
        name: m.name,
        model: m.name,
        modified_at: '2026-11-01T00:00:00Z',
        size: m.size ?? 1_000_000,
        digest: 'sha256:fake',
        details: {
          format: 'gguf',
          family: m.family ?? 'llama',
          families: [m.family ?? 'llama'],
          parameter_size: m.parameterSize ?? '1B',
          quantization_level: m.quantization ?? 'Q4_0',
        },
      })),
    },
  };
}

export interface FakeOllama extends FakeServer {
  onChat(handler: Handler | Reply): void;
}

export async function startFakeOllama(
  models: FakeModel[] = [{ name: 'llama3.2:3b', size: 2_019_393_189, family: 'llama', parameterSize: '3.2B', quantization: 'Q4_K_M' }],
): Promise<FakeOllama> {
  const server = await startFakeServer();
  server.route('GET', '/api/version', { body: { version: '0.12.0' } });
  server.route('GET', '/api/tags', tagsReply(models));
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

/** The NDJSON progress lines of `ollama pull` for layers of the given sizes (docs/api.md "Pull a Model"). */
export function pullLines(layers: Array<{ digest: string; total: number }>, steps = 4): object[] {
  const lines: object[] = [{ status: 'pulling manifest' }];
  for (const layer of layers) {
    for (let i = 0; i <= steps; i += 1)
      lines.push({
        status: `pulling ${layer.digest.slice(7, 19)}`,
        digest: layer.digest,
        total: layer.total,
        completed: Math.round((layer.total * i) / steps),
      });
  }
  lines.push({ status: 'verifying sha256 digest' }, { status: 'writing manifest' }, { status: 'success' });
  return lines;
}

/**
 * Adds the management endpoints: /api/ps, /api/pull (progress with a pause between lines),
 * /api/delete and /api/generate (non-streaming, with Ollama's counters). Pulled models join the list.
 */
export function addManagementEndpoints(
  fake: FakeOllama,
  models: FakeModel[],
  options: { pullDelayMs?: number } = {},
): { running: string[] } {
  const state = { running: [] as string[] };
  // Read the list on each call: a pull adds to it, a delete takes from it.
  fake.route('GET', '/api/tags', () => tagsReply(models));
  fake.route('GET', '/api/ps', () => ({
    body: {
      models: state.running.map((name) => ({
        name,
        model: name,
        size: 3_000_000_000,
        size_vram: 2_500_000_000,
        expires_at: '2026-11-24T23:59:00Z',
      })),
    },
  }));
  fake.route('POST', '/api/pull', (req) => {
    const model = (req.body as { model?: string }).model ?? '';
    if (model.startsWith('missing'))
      return {
        status: 200,
        headers: { 'content-type': 'application/x-ndjson' },
        chunks: [ndjson([{ status: 'pulling manifest' }, { error: 'pull model manifest: file does not exist' }])],
      };
    const lines = pullLines([
      { digest: 'sha256:aaaaaaaaaaaaaaaaaaaa', total: 2_000_000_000 },
      { digest: 'sha256:bbbbbbbbbbbbbbbbbbbb', total: 12_000 },
    ]);
    const chunks = lines.flatMap((line) => [`${JSON.stringify(line)}\n`, { delayMs: options.pullDelayMs ?? 5 }]);
    return {
      status: 200,
      headers: { 'content-type': 'application/x-ndjson' },
      chunks: [
        ...chunks,
        (() => {
          models.push({ name: model, size: 2_000_012_000, family: 'llama', parameterSize: '3B', quantization: 'Q4_K_M' });
          return '';
        })(),
      ],
    };
  });
  // `ollama show`: details, model_info keyed by architecture, capabilities and the license text.
  fake.route('POST', '/api/show', (req) => {
    const name = (req.body as { model?: string }).model;
    const model = models.find((m) => m.name === name);
    if (!model) return { status: 404, body: { error: `model '${name}' not found` } };
    const architecture = model.family ?? 'llama';
    return {
      body: {
        license: 'LLAMA 3.2 COMMUNITY LICENSE AGREEMENT\nLlama 3.2 Version Release Date: September 25, 2024',
        details: {
          format: 'gguf',
          family: architecture,
          parameter_size: model.parameterSize ?? '1B',
          quantization_level: model.quantization ?? 'Q4_0',
        },
        model_info: {
          'general.architecture': architecture,
          'general.parameter_count': 3_212_749_888,
          [`${architecture}.context_length`]: 131_072,
        },
        capabilities: ['completion', 'tools'],
      },
    };
  });
  fake.route('DELETE', '/api/delete', (req) => {
    const model = (req.body as { model?: string }).model;
    const index = models.findIndex((m) => m.name === model);
    if (index === -1) return { status: 404, body: { error: `model '${model}' not found` } };
    models.splice(index, 1);
    return { status: 200, body: '' };
  });
  fake.route('POST', '/api/generate', (req) => {
    const body = req.body as { model: string; keep_alive?: number; prompt?: string };
    if (!models.some((m) => m.name === body.model))
      return { status: 404, body: { error: `model '${body.model}' not found, try pulling it first` } };
    if (body.keep_alive === 0) {
      state.running = state.running.filter((name) => name !== body.model);
      return { body: { model: body.model, response: '', done: true, done_reason: 'unload' } };
    }
    state.running = [...new Set([...state.running, body.model])];
    return {
      body: {
        model: body.model,
        response: 'The sea is wide.',
        done: true,
        total_duration: 1_500_000_000,
        load_duration: 500_000_000,
        prompt_eval_count: 12,
        prompt_eval_duration: 100_000_000,
        eval_count: 40,
        eval_duration: 800_000_000,
      },
    };
  });
  return state;
}
