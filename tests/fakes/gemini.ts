// The Gemini API (ai.google.dev/api/generate-content#method:-models.streamgeneratecontent) as a
// loopback fake: streamGenerateContent with alt=sse, and the model list. The same server also plays
// the two Google services a Gemini CLI sign-in uses (seed-wire.md §4.5): the Code Assist API
// (POST /v1internal:loadCodeAssist and /v1internal:streamGenerateContent?alt=sse, every chunk
// wrapped as {response, traceId}, Bearer tokens checked) and the OAuth token endpoint (POST /token,
// form-encoded grant_type=refresh_token), which issues ya29.fake-access-N tokens. Every
// generation request first meets Gemini's documented refusals (geminiRefusal below), whatever reply
// a test scripted.
import { startFakeServer, type FakeServer, type Handler, type RecordedRequest, type Reply } from './server';

type Part = { text?: string; functionCall?: { name?: string }; functionResponse?: unknown; thoughtSignature?: string };
interface GenerateBody {
  contents?: Array<{ role?: string; parts?: Part[] }>;
}

function invalidArgument(message: string): Reply {
  return { status: 400, body: { error: { code: 400, message, status: 'INVALID_ARGUMENT' } } };
}

/** The 400 the real API answers to a generation request for this model, or null. */
export function geminiRefusal(model: string, body: GenerateBody | undefined): Reply | null {
  const contents = Array.isArray(body?.contents) ? body.contents : [];
  for (let i = 0; i < contents.length; i += 1) {
    const content = contents[i]!;
    // ai.google.dev/api/caching#Content: role is "user" or "model".
    if (content.role !== undefined && content.role !== 'user' && content.role !== 'model')
      return invalidArgument('Please use a valid role: user, model.');
    // ai.google.dev/gemini-api/docs/function-calling: a function response answers the model's
    // function call in the turn just before it.
    const answers = (content.parts ?? []).some((p) => p.functionResponse !== undefined);
    const asked = (contents[i - 1]?.parts ?? []).some((p) => p.functionCall !== undefined);
    if (answers && !asked)
      return invalidArgument('Please ensure that function response turn comes immediately after a function call turn.');
  }
  // ai.google.dev/gemini-api/docs/thought-signatures: with Gemini 3 the first functionCall part of
  // every model step in the current turn (everything after the last user text) must carry its
  // thoughtSignature back, or the request fails validation.
  if (/gemini-3/.test(model)) {
    let start = 0;
    for (let i = contents.length - 1; i >= 0; i -= 1) {
      if (contents[i]!.role === 'user' && (contents[i]!.parts ?? []).some((p) => typeof p.text === 'string')) {
        start = i + 1;
        break;
      }
    }
    for (let i = start; i < contents.length; i += 1) {
      if (contents[i]!.role !== 'model') continue;
      const parts = contents[i]!.parts ?? [];
      const position = parts.findIndex((p) => p.functionCall !== undefined);
      if (position !== -1 && !parts[position]!.thoughtSignature) {
        return invalidArgument(
          `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${String(parts[position]!.functionCall!.name)}\` , position ${position + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`,
        );
      }
    }
  }
  return null;
}

/** The 404 Gemini sends for a model it does not serve, in the words of the v1beta API. */
export function modelNotFound(model: string): Reply {
  return {
    status: 404,
    body: {
      error: {
        code: 404,
        message: `models/${model} is not found for API version v1beta, or is not supported for generateContent.`,
        status: 'NOT_FOUND',
      },
    },
  };
}

/**
 * A 429 as Gemini sends it: no Retry-After header, the wait in a google.rpc.RetryInfo detail
 * (ai.google.dev/gemini-api/docs/rate-limits; cloud.google.com/apis/design/errors#retry_info).
 */
export function quotaExceeded(retryDelay: string): Reply {
  return {
    status: 429,
    body: {
      error: {
        code: 429,
        message: `You exceeded your current quota, please check your plan and billing details. Please retry in ${retryDelay}.`,
        status: 'RESOURCE_EXHAUSTED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [
              {
                quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
                quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
              },
            ],
          },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
        ],
      },
    },
  };
}

export function geminiChunk(
  parts: Array<Record<string, unknown>>,
  extra: { finishReason?: string; usage?: Record<string, number> } = {},
): Record<string, unknown> {
  return {
    candidates: [{ content: { role: 'model', parts }, index: 0, ...(extra.finishReason && { finishReason: extra.finishReason }) }],
    ...(extra.usage && { usageMetadata: extra.usage }),
    modelVersion: 'gemini-fake',
  };
}

export function geminiSse(chunks: Array<Record<string, unknown>>): string {
  return chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`).join('');
}

/** Code Assist's framing of the same chunks. */
export function codeAssistSse(chunks: Array<Record<string, unknown>>): string {
  return geminiSse(chunks.map((response, i) => ({ response, traceId: `trace-${i}` })));
}

export const FAKE_CODE_ASSIST_PROJECT = 'fake-companion-project';

export interface FakeGemini extends FakeServer {
  baseUrl: string;
  /** Base of the fake Code Assist API (…/v1internal:… under it). */
  codeAssistUrl: string;
  /** The fake Google token endpoint. */
  tokenUrl: string;
  onStream(model: string, handler: Handler | Reply): void;
  onCodeAssistStream(handler: Handler | Reply): void;
  onLoadCodeAssist(handler: Handler | Reply): void;
  onToken(handler: Handler | Reply): void;
  /** Bearer tokens Code Assist accepts; every token the token endpoint issues is added. */
  acceptedTokens: Set<string>;
  /** Access tokens issued so far, in order. */
  issuedTokens: string[];
  /** The form of every refresh request received. */
  tokenRequests(): URLSearchParams[];
  codeAssistRequests(): RecordedRequest[];
}

export async function startFakeGemini(): Promise<FakeGemini> {
  const server = await startFakeServer();
  server.route('GET', '/v1beta/models', {
    body: {
      models: [
        {
          name: 'models/gemini-fake',
          displayName: 'Gemini Fake',
          inputTokenLimit: 1_048_576,
          supportedGenerationMethods: ['generateContent', 'countTokens'],
        },
        { name: 'models/embedding-fake', supportedGenerationMethods: ['embedContent'] },
      ],
    },
  });
  const refusing =
    (model: (request: RecordedRequest) => string, handler: Handler | Reply): Handler =>
    (request) => {
      const inner = (request.body as { request?: GenerateBody } | undefined)?.request;
      return (
        geminiRefusal(model(request), inner ?? (request.body as GenerateBody)) ??
        (typeof handler === 'function' ? handler(request) : handler)
      );
    };
  const onStream = (model: string, handler: Handler | Reply) =>
    server.route(
      'POST',
      `/v1beta/models/${model}:streamGenerateContent`,
      refusing(() => model, handler),
    );
  onStream('gemini-fake', {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    chunks: [
      geminiSse([
        geminiChunk([{ text: 'Hello' }]),
        geminiChunk([{ text: ' from Gemini' }], {
          finishReason: 'STOP',
          usage: { promptTokenCount: 5, candidatesTokenCount: 4, totalTokenCount: 9 },
        }),
      ]),
    ],
  });

  const acceptedTokens = new Set<string>();
  const issuedTokens: string[] = [];
  const unauthenticated: Reply = {
    status: 401,
    body: {
      error: {
        code: 401,
        message: 'Request had invalid authentication credentials. Expected OAuth 2 access token.',
        status: 'UNAUTHENTICATED',
      },
    },
  };
  const authorized = (request: RecordedRequest) => acceptedTokens.has(String(request.headers.authorization ?? '').replace(/^Bearer /, ''));
  /** Handlers that run only for a valid Bearer token; others get Google's 401. */
  const guarded =
    (handler: Handler | Reply): Handler =>
    (request) =>
      authorized(request) ? (typeof handler === 'function' ? handler(request) : handler) : unauthenticated;
  const onCodeAssistStream = (handler: Handler | Reply) =>
    server.route(
      'POST',
      '/v1internal:streamGenerateContent',
      guarded(refusing((request) => String((request.body as { model?: string })?.model ?? ''), handler)),
    );
  const onLoadCodeAssist = (handler: Handler | Reply) => server.route('POST', '/v1internal:loadCodeAssist', guarded(handler));
  const onToken = (handler: Handler | Reply) => server.route('POST', '/token', handler);
  onCodeAssistStream({
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    chunks: [
      codeAssistSse([
        geminiChunk([{ text: 'Hello' }]),
        geminiChunk([{ text: ' from Code Assist' }], {
          finishReason: 'STOP',
          usage: { promptTokenCount: 6, candidatesTokenCount: 5, totalTokenCount: 11 },
        }),
      ]),
    ],
  });
  onLoadCodeAssist({ body: { currentTier: { id: 'free-tier' }, cloudaicompanionProject: FAKE_CODE_ASSIST_PROJECT } });
  onToken((request) => {
    const form = new URLSearchParams(request.rawBody);
    if (form.get('grant_type') !== 'refresh_token' || !form.get('refresh_token'))
      return { status: 400, body: { error: 'invalid_request', error_description: 'Missing refresh_token' } };
    const token = `ya29.fake-access-${issuedTokens.length + 1}-${'x'.repeat(24)}`;
    issuedTokens.push(token);
    acceptedTokens.add(token);
    return {
      body: {
        access_token: token,
        expires_in: 3599,
        scope: 'https://www.googleapis.com/auth/cloud-platform openid',
        token_type: 'Bearer',
        id_token: 'eyJhbGciOiJub25lIn0.eyJlbWFpbCI6InVzZXJAZXhhbXBsZS5jb20ifQ.sig',
      },
    };
  });
  return Object.assign(server, {
    baseUrl: `${server.url}/v1beta`,
    codeAssistUrl: server.url,
    tokenUrl: `${server.url}/token`,
    onStream,
    onCodeAssistStream,
    onLoadCodeAssist,
    onToken,
    acceptedTokens,
    issuedTokens,
    tokenRequests: () => server.requests.filter((r) => r.path === '/token').map((r) => new URLSearchParams(r.rawBody)),
    codeAssistRequests: () => server.requests.filter((r) => r.path.startsWith('/v1internal:')),
  });
}
