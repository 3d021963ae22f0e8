// OpenRouter as a loopback fake, with its rules about keys: the model list is public (no key
// needed, openrouter.ai/docs/api-reference/list-available-models), while GET /api/v1/key
// (openrouter.ai/docs/api-reference/limits) and chat completions refuse a missing or unknown key
// with 401 (openrouter.ai/docs/api-reference/errors).
import { completion, sseReply, sseStream, withOpenAIRules } from './openai';
import { startFakeServer, type FakeServer, type Handler, type RecordedRequest, type Reply } from './server';

export interface FakeOpenRouter extends FakeServer {
  /** Base URL to configure (…/api/v1). */
  baseUrl: string;
}

function unauthorized(request: RecordedRequest): Reply {
  const message = request.headers.authorization ? 'User not found.' : 'No auth credentials found';
  return { status: 401, body: { error: { message, code: 401 } } };
}

export async function startFakeOpenRouter(validKey: string): Promise<FakeOpenRouter> {
  const server = await startFakeServer();
  const keyed =
    (handler: Handler): Handler =>
    (request) =>
      request.headers.authorization === `Bearer ${validKey}` ? handler(request) : unauthorized(request);
  server.route('GET', '/api/v1/models', {
    body: { data: [{ id: 'openai/gpt-4o-mini', context_length: 128_000, pricing: { prompt: '0.00000015', completion: '0.0000006' } }] },
  });
  server.route(
    'GET',
    '/api/v1/key',
    keyed(() => ({ body: { data: { label: 'sk-or-v1-fak...key', limit: null, limit_remaining: null, usage: 0, is_free_tier: false } } })),
  );
  server.route(
    'POST',
    '/api/v1/chat/completions',
    keyed(
      withOpenAIRules((request) =>
        (request.body as { stream?: boolean }).stream ? sseReply(sseStream(['ok'])) : { body: completion('ok') },
      ),
    ),
  );
  return Object.assign(server, { baseUrl: `${server.url}/api/v1` });
}
