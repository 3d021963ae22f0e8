// Amazon Bedrock's Converse API (seed-wire.md §8; docs.aws.amazon.com/bedrock/latest/APIReference/):
// Converse for chat, ConverseStream (binary AWS event-stream frames) for stream, a Bedrock API key
// as Bearer or SigV4 (service "bedrock", @smithy/signature-v4) from env keys or the shared
// credentials file, tools as toolSpec/toolUse/toolResult, images as bytes, reasoning, usage and
// stop reasons, and the control plane's model list. Credentials, the wire format and the event-stream
// framing are sibling modules (bedrock-*.ts; a bedrock/ folder would shadow this file under tsx).
//
// Requests go through sendRequest like every adapter's (deadline, bounded bodies, typed transport
// errors), with Bedrock's own error reader, because Bedrock names its errors in the
// `x-amzn-errortype` header.
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { TokenUsage } from '../../../shared/types';
import { bodyChunks, readErrorBody, readJson, sendRequest, type HttpResponse } from '../../http/client';
import { classifyHttpFailure, parseRetryAfter, ProviderError, sanitizeApiError, statusText } from '../../http/errors';
import { AnswerBudget } from '../limits';
import type { ChatRequest, ChatResponse, FinishReason, ModelInfo, Provider, ProviderCapabilities, StreamEvent } from '../traits';
import { resolveAuth, resolveRegion, type BedrockAuth, type CredentialSettings } from './credentials';
import { EventStreamDecoder, EventStreamFramingError, type DecodedFrame } from './eventstream';
import { handleEach } from '../core/batched';
import {
  bareErrorType,
  SIGNATURE_ERROR_TYPES,
  type ConverseResponse,
  type WireUsage,
  buildConverseBody,
  classifyErrorType,
  finishReasonOf,
  parseConverseResponse,
  usageOf,
} from './wire';

/** The SigV4 signing name of both the runtime and the control plane (not "bedrock-runtime"). */
export const BEDROCK_SIGNING_SERVICE = 'bedrock';
const EVENT_STREAM_TYPE = 'application/vnd.amazon.eventstream';
const MAX_PROFILE_PAGES = 10;

export interface BedrockOptions {
  /** Overrides AWS_REGION / AWS_DEFAULT_REGION / the config file; requests are signed for it. */
  region?: string;
  /** Overrides https://bedrock-runtime.{region}.amazonaws.com (tests, VPC endpoints, proxies). */
  baseUrl?: string;
  /** Overrides the control plane https://bedrock.{region}.amazonaws.com used by listModels; defaults to baseUrl when that is set. */
  controlBaseUrl?: string;
  /** A Bedrock API key from the profile (Bearer); wins over every other credential. */
  credential?: string;
  env?: NodeJS.ProcessEnv;
  /** Overrides AWS_SHARED_CREDENTIALS_FILE / ~/.aws/credentials. */
  credentialsFile?: string;
  /** Overrides AWS_CONFIG_FILE / ~/.aws/config (the profile's region). */
  configFile?: string;
  /** Overrides AWS_PROFILE. */
  profile?: string;
  /** The signing clock (tests). */
  now?: () => Date;
  displayName?: string;
  key?: string;
}

/**
 * RFC 3986 query encoding (a space is %20, never "+"), so that the query on the wire and the one the
 * signer canonicalises are the same bytes.
 */
function queryString(params: Record<string, string>): string {
  const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return Object.entries(params)
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .join('&');
}

interface Target {
  auth: BedrockAuth;
  region: string;
}

type StreamPayload = {
  contentBlockIndex?: number;
  start?: { toolUse?: { toolUseId?: string; name?: string } };
  delta?: {
    text?: string;
    toolUse?: { input?: string };
    reasoningContent?: { text?: string; signature?: string; redactedContent?: string };
  };
  stopReason?: string;
  usage?: WireUsage;
  message?: string;
  Message?: string;
};

export class BedrockProvider implements Provider {
  readonly key: string;
  readonly displayName: string;
  private readonly options: BedrockOptions;
  private readonly env: NodeJS.ProcessEnv;

  constructor(options: BedrockOptions = {}) {
    this.options = options;
    this.env = options.env ?? process.env;
    this.key = options.key ?? 'bedrock';
    this.displayName = options.displayName ?? 'Amazon Bedrock';
  }

  capabilities(): ProviderCapabilities {
    return { nativeTools: true, vision: true, streaming: true, promptCaching: false };
  }

  private settings(): CredentialSettings {
    const { credential, credentialsFile, configFile, profile, region } = this.options;
    return { credential, credentialsFile, configFile, profile, region, env: this.env };
  }

  private async target(): Promise<Target> {
    const settings = this.settings();
    const auth = await resolveAuth(settings);
    return { auth, region: await resolveRegion(settings) };
  }

  runtimeUrl(region: string): string {
    return (this.options.baseUrl?.trim() || `https://bedrock-runtime.${region}.amazonaws.com`).replace(/\/+$/, '');
  }

  controlUrl(region: string): string {
    return (this.options.controlBaseUrl?.trim() || this.options.baseUrl?.trim() || `https://bedrock.${region}.amazonaws.com`).replace(
      /\/+$/,
      '',
    );
  }

  /** The request headers: Bearer, or SigV4 over method, path, query, host, accept, content-type and body. */
  async authorize(
    target: Target,
    method: 'GET' | 'POST',
    url: URL,
    headers: Record<string, string>,
    body?: string,
  ): Promise<Record<string, string>> {
    if (target.auth.kind === 'bearer') return { ...headers, authorization: `Bearer ${target.auth.token}` };
    const signer = new SignatureV4({
      service: BEDROCK_SIGNING_SERVICE,
      region: target.region,
      credentials: target.auth.credentials,
      sha256: Hash.bind(null, 'sha256'),
      uriEscapePath: true,
    });
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) query[name] = value;
    const signed = await signer.sign(
      {
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
        query,
        headers: { ...headers, host: url.host },
        ...(body !== undefined && { body }),
      },
      { signingDate: this.options.now?.() ?? new Date(), signingRegion: target.region, signingService: BEDROCK_SIGNING_SERVICE },
    );
    return signed.headers as Record<string, string>;
  }

  /** One authorized request; a non-2xx answer becomes a classified, scrubbed ProviderError. */
  private async send(
    target: Target,
    method: 'GET' | 'POST',
    url: string,
    options: { body?: string; accept?: string; signal?: AbortSignal; allowAnyStatus?: boolean } = {},
  ): Promise<HttpResponse> {
    const parsed = new URL(url);
    const base: Record<string, string> = { accept: options.accept ?? 'application/json' };
    if (options.body !== undefined) base['content-type'] = 'application/json';
    const headers = await this.authorize(target, method, parsed, base, options.body);
    return sendRequest(
      {
        provider: this.displayName,
        url,
        method,
        headers,
        body: options.body,
        signal: options.signal,
        acceptAnyStatus: options.allowAnyStatus,
        failure: (response) => this.httpFailure(response),
      },
      this.env,
    );
  }

  /** "<Provider> API error (<code> <Reason>): <Type>: <message>" (seed-wire.md §0.2), classed by the error type first. */
  private async httpFailure(response: HttpResponse): Promise<ProviderError> {
    const { text, note } = await readErrorBody(this.displayName, response);
    let message = text.trim();
    let bodyType: string | undefined;
    try {
      const parsed = JSON.parse(text) as { message?: string; Message?: string; __type?: string };
      message = parsed.message ?? parsed.Message ?? message;
      bodyType = parsed.__type;
    } catch {
      // not JSON: keep the text
    }
    const header = response.headers['x-amzn-errortype'];
    const type = bareErrorType((Array.isArray(header) ? header[0] : header) ?? bodyType);
    const status = response.statusCode;
    const errorClass = classifyErrorType(type, message, classifyHttpFailure(status, text));
    const hint =
      type && SIGNATURE_ERROR_TYPES.has(type.toLowerCase()) ? " (check AWS_SECRET_ACCESS_KEY and that this computer's clock is right)" : '';
    return new ProviderError(
      `${this.displayName} API error (${statusText(status)}): ${sanitizeApiError(type ? `${type}: ${message}` : message)}${hint}${note}`,
      {
        provider: this.displayName,
        errorClass,
        status,
        retryAfterMs: parseRetryAfter(response.headers['retry-after'], text),
      },
    );
  }

  private modelUrl(region: string, model: string, action: 'converse' | 'converse-stream'): string {
    if (!model.trim())
      throw new ProviderError(`${this.displayName}: no model id given (for example anthropic.claude-3-5-haiku-20241022-v1:0).`, {
        provider: this.displayName,
        errorClass: 'bad_request',
      });
    // Encoded once on the wire (a ':' becomes %3A, an ARN's '/' becomes %2F, unlike the seed's raw
    // path); the signer encodes each segment again for the canonical request, as AWS requires.
    return `${this.runtimeUrl(region)}/model/${encodeURIComponent(model)}/${action}`;
  }

  buildBody(request: ChatRequest): Record<string, unknown> {
    return buildConverseBody(request, this.displayName);
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    const body = JSON.stringify(this.buildBody(request));
    const target = await this.target();
    const response = await this.send(target, 'POST', this.modelUrl(target.region, request.model, 'converse'), {
      body,
      signal: request.signal,
    });
    return parseConverseResponse(await readJson<ConverseResponse>(this.displayName, response), request.model);
  }

  private frameError(frame: DecodedFrame): ProviderError {
    let payload: StreamPayload = {};
    try {
      payload = JSON.parse(frame.payload) as StreamPayload;
    } catch {
      // keep the raw text below
    }
    const type = frame.headers[':exception-type'] ?? frame.headers[':error-code'];
    const message = payload.message ?? payload.Message ?? frame.headers[':error-message'] ?? frame.payload;
    return new ProviderError(`${this.displayName} reported an error mid-stream: ${sanitizeApiError(`${type ?? 'error'}: ${message}`)}`, {
      provider: this.displayName,
      errorClass: classifyErrorType(type, message, 'server'),
    });
  }

  async *stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    const body = JSON.stringify(this.buildBody(request));
    const target = await this.target();
    const url = this.modelUrl(target.region, request.model, 'converse-stream');
    const response = await this.send(target, 'POST', url, { body, accept: EVENT_STREAM_TYPE, signal: request.signal });
    const decoder = new EventStreamDecoder(this.displayName);
    const budget = new AnswerBudget(this.displayName);
    const tools = new Map<number, { id: string; name: string; json: string }>();
    // Claude's thinking through Converse is signed like Anthropic's; kept per block to send back.
    const thinking = new Map<number, { text: string; signature: string }>();
    let usage: TokenUsage = {};
    let finishReason: FinishReason = 'unknown';
    let stopped = false;
    const out: StreamEvent[] = [];
    const handle = (frame: DecodedFrame): void => {
      const kind = frame.headers[':message-type'];
      if (kind === 'exception' || kind === 'error') throw this.frameError(frame);
      let payload: StreamPayload;
      try {
        payload = JSON.parse(frame.payload) as StreamPayload;
      } catch {
        throw new ProviderError(
          `${this.displayName} sent a stream event that is not JSON: ${sanitizeApiError(frame.payload.slice(0, 200))}`,
          { provider: this.displayName, errorClass: 'server' },
        );
      }
      const index = payload.contentBlockIndex ?? 0;
      switch (frame.headers[':event-type']) {
        case 'contentBlockStart': {
          const start = payload.start?.toolUse;
          if (start) tools.set(index, { id: start.toolUseId ?? `tooluse_${crypto.randomUUID()}`, name: start.name ?? '', json: '' });
          break;
        }
        case 'contentBlockDelta': {
          const delta = payload.delta ?? {};
          const reasoning = delta.reasoningContent;
          if (delta.text) out.push({ type: 'text', delta: delta.text });
          else if (reasoning) {
            const block = thinking.get(index) ?? { text: '', signature: '' };
            if (reasoning.text) {
              out.push({ type: 'reasoning', delta: reasoning.text });
              block.text += reasoning.text;
            }
            if (reasoning.signature) block.signature += reasoning.signature;
            if (reasoning.redactedContent) out.push({ type: 'signed_reasoning', block: { redacted: reasoning.redactedContent } });
            thinking.set(index, block);
          } else if (delta.toolUse) {
            const tool = tools.get(index);
            if (tool) {
              const input = delta.toolUse.input ?? '';
              budget.spend(input.length);
              tool.json += input;
            }
          }
          break;
        }
        case 'contentBlockStop': {
          const block = thinking.get(index);
          if (block?.signature) out.push({ type: 'signed_reasoning', block });
          thinking.delete(index);
          const tool = tools.get(index);
          if (tool) {
            // A tool called with no arguments is "{}", not "".
            if (tool.name) out.push({ type: 'tool_call', call: { id: tool.id, name: tool.name, arguments: tool.json.trim() || '{}' } });
            tools.delete(index);
          }
          break;
        }
        case 'messageStop':
          stopped = true;
          finishReason = finishReasonOf(payload.stopReason);
          break;
        case 'metadata':
          usage = { ...usage, ...usageOf(payload.usage) };
          break;
        // messageStart carries only the role.
      }
    };
    const framingError = (error: unknown) =>
      error instanceof EventStreamFramingError
        ? new ProviderError(`${this.displayName} sent a ${error.message}.`, {
            provider: this.displayName,
            errorClass: 'server',
            cause: error,
          })
        : error;
    const chunks = bodyChunks(this.displayName, url, response, request.signal);
    for await (const bytes of chunks) {
      let frames: DecodedFrame[];
      try {
        frames = decoder.feed(bytes);
      } catch (error) {
        throw framingError(error);
      }
      if (frames.length > 0) chunks.dataArrived();
      const failure = handleEach(frames, handle, out);
      if (out.length > 0) {
        yield* out;
        out.length = 0;
      }
      if (failure) throw failure.error;
      if (decoder.failure) throw framingError(decoder.failure);
    }
    if (decoder.pending > 0 || !stopped) {
      const what =
        decoder.pending > 0 ? `in the middle of an event (${decoder.pending} bytes of an unfinished frame)` : 'before messageStop';
      throw new ProviderError(`${this.displayName}: the stream from ${new URL(url).host} ended ${what}; the answer is incomplete.`, {
        provider: this.displayName,
        errorClass: 'network',
      });
    }
    if (Object.keys(usage).length > 0) yield { type: 'usage', usage };
    yield { type: 'done', finishReason };
  }

  /**
   * The control plane's model list: foundation models that take on-demand calls and produce text
   * (GET /foundation-models), plus the system inference profiles (GET /inference-profiles; ids such
   * as us.anthropic.claude-…, needed for newer models). A failing profile list is skipped, since
   * some IAM policies allow one and not the other.
   */
  async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    const target = await this.target();
    const base = this.controlUrl(target.region);
    const response = await this.send(target, 'GET', `${base}/foundation-models?byOutputModality=TEXT`, { signal });
    const body = await readJson<{
      modelSummaries?: Array<{
        modelId?: string;
        modelName?: string;
        providerName?: string;
        inferenceTypesSupported?: string[];
        modelLifecycle?: { status?: string };
      }>;
    }>(this.displayName, response);
    const models: ModelInfo[] = (body.modelSummaries ?? [])
      .filter(
        (m): m is typeof m & { modelId: string } =>
          typeof m.modelId === 'string' && (m.inferenceTypesSupported ?? ['ON_DEMAND']).includes('ON_DEMAND'),
      )
      .map((m) => ({
        id: m.modelId,
        details: {
          ...(m.modelName && { name: m.modelName }),
          ...(m.providerName && { provider: m.providerName }),
          ...(m.modelLifecycle?.status && { lifecycle: m.modelLifecycle.status }),
        },
      }));
    try {
      let nextToken: string | undefined;
      for (let page = 0; page < MAX_PROFILE_PAGES; page += 1) {
        const query = queryString({ maxResults: '1000', typeEquals: 'SYSTEM_DEFINED', ...(nextToken && { nextToken }) });
        const profiles = await readJson<{
          inferenceProfileSummaries?: Array<{ inferenceProfileId?: string; inferenceProfileName?: string; status?: string }>;
          nextToken?: string;
        }>(this.displayName, await this.send(target, 'GET', `${base}/inference-profiles?${query}`, { signal }));
        for (const p of profiles.inferenceProfileSummaries ?? []) {
          if (typeof p.inferenceProfileId === 'string' && (p.status ?? 'ACTIVE') === 'ACTIVE')
            models.push({
              id: p.inferenceProfileId,
              details: { ...(p.inferenceProfileName && { name: p.inferenceProfileName }), kind: 'inference profile' },
            });
        }
        nextToken = profiles.nextToken;
        if (!nextToken) break;
      }
    } catch (error) {
      if (error instanceof ProviderError && error.errorClass === 'cancelled') throw error;
    }
    return models;
  }

  /** Opens the connection to the runtime host with an authorized GET /; any HTTP status will do. */
  async warmup(signal?: AbortSignal): Promise<void> {
    const target = await this.target();
    const response = await this.send(target, 'GET', `${this.runtimeUrl(target.region)}/`, { signal, allowAnyStatus: true });
    await response.body.dump();
  }
}
