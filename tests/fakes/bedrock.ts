// Amazon Bedrock as a loopback fake. Every request is authenticated the way AWS does it: a Bedrock API
// key as Bearer, or SigV4 verified by recomputing the signature here with node:crypto from the secret
// the fake knows (canonical request, string to sign, signing-key chain, following
// docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html), independently of the
// @smithy signer the adapter uses. It serves Converse JSON, ConverseStream as real event-stream
// frames (prelude, string headers, JSON payload, CRC32s from zlib.crc32) that can be cut at any byte,
// the control plane's model lists, and injected failures (HTTP errors with x-amzn-errortype,
// exception frames mid-stream, connections cut mid-stream). Like Bedrock, it refuses what Converse
// refuses (validateConverse, each rule with its source), and remembers the reasoning it signed, so
// that a tool loop that drops it is refused as Claude on Bedrock refuses it.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { splitAt, writeReply, type ChunkStep, type RecordedRequest, type Reply } from './server';

export interface FakeAwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A request as the fake saw it; `path` is the raw, still percent-encoded path. */
export interface BedrockRequest extends RecordedRequest {
  /** The decoded model id of /model/{id}/… requests. */
  modelId?: string;
  auth:
    | { kind: 'bearer'; token: string }
    | { kind: 'sigv4'; accessKeyId: string; signedHeaders: string[]; canonicalRequest: string }
    | { kind: 'rejected'; reason: string };
}

export type BedrockHandler = (request: BedrockRequest) => Reply | Promise<Reply>;

// ---- SigV4, written from the AWS documentation -------------------------------------------------

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 unreserved characters stay; everything else is %XX with upper-case hex. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** kSecret → kDate → kRegion → kService → kSigning. */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

/** Every service but S3 encodes each segment of the (already encoded) path once more. */
export function canonicalUri(rawPath: string): string {
  return (
    rawPath
      .split('/')
      .map((segment) => uriEncode(segment))
      .join('/') || '/'
  );
}

export function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return '';
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
      return [uriEncode(name), uriEncode(value)] as const;
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

export interface SigV4Input {
  method: string;
  rawPath: string;
  rawQuery: string;
  /** Lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  signedHeaders: string[];
  body: string | Buffer;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
  amzDate: string;
}

export function sigv4Sign(input: SigV4Input): { canonicalRequest: string; stringToSign: string; signature: string; authorization: string } {
  const names = [...input.signedHeaders].map((n) => n.toLowerCase()).sort();
  const canonicalHeaders = names
    .map((name) => {
      const raw = input.headers[name];
      const value = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).trim().replace(/\s+/g, ' ');
      return `${name}:${value}\n`;
    })
    .join('');
  const canonicalRequest = [
    input.method,
    canonicalUri(input.rawPath),
    canonicalQuery(input.rawQuery),
    canonicalHeaders,
    names.join(';'),
    sha256Hex(input.body),
  ].join('\n');
  const date = input.amzDate.slice(0, 8);
  const scope = `${date}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', input.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signature = createHmac('sha256', signingKey(input.secretAccessKey, date, input.region, input.service))
    .update(stringToSign, 'utf8')
    .digest('hex');
  return {
    canonicalRequest,
    stringToSign,
    signature,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

// ---- Replies -----------------------------------------------------------------------------------

const ERROR_NAMESPACE = 'http://internal.amazon.com/coral/com.amazon.bedrock/';

/** An HTTP error as Bedrock sends it: the type in x-amzn-errortype, {"message"} in the body. */
export function awsError(status: number, type: string, message: string, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'x-amzn-errortype': `${type}:${ERROR_NAMESPACE}`, 'x-amzn-requestid': 'fake-request-id', ...headers },
    body: { message },
  };
}

export interface ConverseOptions {
  text?: string[];
  reasoning?: string[];
  tool?: { id: string; name: string; json: string[] };
  stopReason?: string;
  usage?: { inputTokens?: number; outputTokens?: number; cacheReadInputTokens?: number };
}

const defaultUsage = (options: ConverseOptions) => options.usage ?? { inputTokens: 11, outputTokens: 7 };
const defaultStop = (options: ConverseOptions) => options.stopReason ?? (options.tool ? 'tool_use' : 'end_turn');

/** A Converse response body. */
export function converseBody(options: ConverseOptions): Record<string, unknown> {
  const content: Array<Record<string, unknown>> = [];
  if (options.reasoning) content.push({ reasoningContent: { reasoningText: { text: options.reasoning.join(''), signature: 'sig' } } });
  if (options.text) content.push({ text: options.text.join('') });
  if (options.tool)
    content.push({
      toolUse: { toolUseId: options.tool.id, name: options.tool.name, input: JSON.parse(options.tool.json.join('') || '{}') },
    });
  const usage = defaultUsage(options);
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: defaultStop(options),
    usage: { ...usage, totalTokens: (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0) },
    metrics: { latencyMs: 42 },
  };
}

/** One event-stream frame: prelude, string headers (type 7), payload, message CRC32. */
export function encodeFrame(headers: Record<string, string>, payload: string | Buffer): Buffer {
  const headerBytes = Buffer.concat(
    Object.entries(headers).map(([name, value]) => {
      const nameBytes = Buffer.from(name, 'utf8');
      const valueBytes = Buffer.from(value, 'utf8');
      const head = Buffer.alloc(1 + nameBytes.length + 1 + 2);
      head.writeUInt8(nameBytes.length, 0);
      nameBytes.copy(head, 1);
      head.writeUInt8(7, 1 + nameBytes.length);
      head.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
      return Buffer.concat([head, valueBytes]);
    }),
  );
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
  const total = 12 + headerBytes.length + body.length + 4;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(headerBytes.length, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
  const withoutCrc = Buffer.concat([prelude, headerBytes, body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(withoutCrc), 0);
  return Buffer.concat([withoutCrc, crc]);
}

/** An event frame; Bedrock pads payloads with a "p" field, which clients must ignore. */
export function eventFrame(eventType: string, payload: Record<string, unknown>): Buffer {
  return encodeFrame(
    { ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' },
    JSON.stringify({ ...payload, p: 'abcdefghijklmnop' }),
  );
}

export function exceptionFrame(exceptionType: string, message: string): Buffer {
  return encodeFrame(
    { ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' },
    JSON.stringify({ message }),
  );
}

/** The frames of a ConverseStream answer: messageStart, reasoning, text, tool use, messageStop, metadata. */
export function streamFrames(options: ConverseOptions): Buffer[] {
  const frames = [eventFrame('messageStart', { role: 'assistant' })];
  let index = 0;
  if (options.reasoning) {
    for (const piece of options.reasoning)
      frames.push(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { reasoningContent: { text: piece } } }));
    frames.push(
      eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { reasoningContent: { signature: 'sig' } } }),
      eventFrame('contentBlockStop', { contentBlockIndex: index }),
    );
    index += 1;
  }
  if (options.text) {
    for (const piece of options.text) frames.push(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { text: piece } }));
    frames.push(eventFrame('contentBlockStop', { contentBlockIndex: index }));
    index += 1;
  }
  if (options.tool) {
    frames.push(
      eventFrame('contentBlockStart', {
        contentBlockIndex: index,
        start: { toolUse: { toolUseId: options.tool.id, name: options.tool.name } },
      }),
    );
    for (const piece of options.tool.json)
      frames.push(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { toolUse: { input: piece } } }));
    frames.push(eventFrame('contentBlockStop', { contentBlockIndex: index }));
  }
  const usage = defaultUsage(options);
  frames.push(
    eventFrame('messageStop', { stopReason: defaultStop(options) }),
    eventFrame('metadata', {
      usage: { ...usage, totalTokens: (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0) },
      metrics: { latencyMs: 42 },
    }),
  );
  return frames;
}

/**
 * A ConverseStream reply. `splits` cuts the bytes at those offsets, with a short pause between the
 * pieces so that each arrives in its own read; `cut` drops the connection after the last piece.
 */
export function streamReply(frames: Buffer[], options: { splits?: number[]; pauseMs?: number; cut?: boolean } = {}): Reply {
  const pieces = splitAt(Buffer.concat(frames), options.splits ?? []);
  const chunks: ChunkStep[] = [];
  pieces.forEach((piece, i) => {
    if (i > 0) chunks.push({ delayMs: options.pauseMs ?? 2 });
    chunks.push(piece);
  });
  return {
    status: 200,
    headers: { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'fake-request-id' },
    chunks,
    ...(options.cut && { cut: true }),
  };
}

// ---- The server --------------------------------------------------------------------------------

export interface FakeBedrockOptions {
  /** The region requests must be signed for. */
  region?: string;
  credentials?: FakeAwsCredentials[];
  bearerKeys?: string[];
  /** Reject a signature dated further than this from the fake's clock (AWS allows 15 minutes). */
  maxSkewMs?: number;
}

export interface FakeBedrock {
  url: string;
  port: number;
  region: string;
  requests: BedrockRequest[];
  onConverse(handler: BedrockHandler | Reply): void;
  onConverseStream(handler: BedrockHandler | Reply): void;
  onFoundationModels(handler: BedrockHandler | Reply): void;
  onInferenceProfiles(handler: BedrockHandler | Reply): void;
  close(): Promise<void>;
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

function amzDateMs(amzDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : Number.NaN;
}

type AuthResult = { ok: true; auth: BedrockRequest['auth'] } | { ok: false; reason: string; reply: Reply };

function authenticate(
  method: string,
  rawPath: string,
  rawQuery: string,
  headers: http.IncomingHttpHeaders,
  body: Buffer,
  options: Required<Pick<FakeBedrockOptions, 'region'>> & FakeBedrockOptions,
): AuthResult {
  const fail = (status: number, type: string, message: string): AuthResult => ({
    ok: false,
    reason: `${type}: ${message}`,
    reply: awsError(status, type, message),
  });
  const authorization = headers.authorization ?? '';
  if (authorization.startsWith('Bearer ')) {
    const token = authorization.slice('Bearer '.length).trim();
    if ((options.bearerKeys ?? []).includes(token)) return { ok: true, auth: { kind: 'bearer', token } };
    return fail(403, 'UnrecognizedClientException', 'Invalid API Key format: Must start with pre-defined prefix');
  }
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (!match) return fail(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  const [, accessKeyId, date, region, service, signedList, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const known = (options.credentials ?? []).find((c) => c.accessKeyId === accessKeyId);
  if (!known) return fail(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (region !== options.region)
    return fail(
      403,
      'InvalidSignatureException',
      `Credential should be scoped to a valid region. (got ${region}, expected ${options.region})`,
    );
  if (service !== 'bedrock') return fail(403, 'InvalidSignatureException', "Credential should be scoped to correct service: 'bedrock'.");
  const signedHeaders = signedList.split(';');
  const amzDate = String(headers['x-amz-date'] ?? '');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date') || amzDate.slice(0, 8) !== date) {
    return fail(
      403,
      'InvalidSignatureException',
      "'Host' and 'X-Amz-Date' must be signed, and the credential scope date must match X-Amz-Date.",
    );
  }
  if (options.maxSkewMs !== undefined && Math.abs(Date.now() - amzDateMs(amzDate)) > options.maxSkewMs) {
    return fail(403, 'InvalidSignatureException', `Signature expired: ${amzDate} is now earlier than the allowed window.`);
  }
  if (
    known.sessionToken !== undefined &&
    (headers['x-amz-security-token'] !== known.sessionToken || !signedHeaders.includes('x-amz-security-token'))
  ) {
    return fail(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  const contentHash = headers['x-amz-content-sha256'];
  if (contentHash !== undefined && contentHash !== sha256Hex(body))
    return fail(400, 'InvalidSignatureException', "The provided 'x-amz-content-sha256' header does not match what was computed.");
  const expected = sigv4Sign({
    method,
    rawPath,
    rawQuery,
    headers,
    signedHeaders,
    body,
    accessKeyId,
    secretAccessKey: known.secretAccessKey,
    region,
    service,
    amzDate,
  });
  if (!timingSafeEqual(Buffer.from(expected.signature, 'hex'), Buffer.from(signature, 'hex'))) {
    // Like AWS, show the canonical request and string to sign the fake expected.
    return fail(
      403,
      'InvalidSignatureException',
      `${SIGNATURE_MISMATCH}\n\nThe Canonical String for this request should have been\n'${expected.canonicalRequest}'\n\nThe String-to-Sign should have been\n'${expected.stringToSign}'\n`,
    );
  }
  return { ok: true, auth: { kind: 'sigv4', accessKeyId, signedHeaders, canonicalRequest: expected.canonicalRequest } };
}

type Block = Record<string, unknown> & {
  toolUse?: { toolUseId?: string };
  toolResult?: { toolUseId?: string; content?: Array<Record<string, unknown>> };
  reasoningContent?: { reasoningText?: { signature?: string } };
};

/**
 * Bedrock's own checks on a Converse body that the adapter must never trip. `signed` maps each
 * toolUseId the fake issued after signed reasoning to that signature.
 */
function validateConverse(body: unknown, signed: ReadonlyMap<string, string>): Reply | null {
  const messages = (body as { messages?: Array<{ role?: string; content?: Block[] }> })?.messages;
  // docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html: messages is required.
  if (!Array.isArray(messages)) return awsError(400, 'ValidationException', 'Malformed input request: required key [messages] not found');
  for (const [i, message] of messages.entries()) {
    // docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-call.html: turns alternate.
    if (i > 0 && messages[i - 1]!.role === message.role)
      return awsError(
        400,
        'ValidationException',
        'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
      );
    const asked = new Set((messages[i - 1]?.content ?? []).map((b) => b.toolUse?.toolUseId).filter(Boolean));
    for (const [j, block] of (message.content ?? []).entries()) {
      const nested = block.toolResult?.content ?? [];
      // API_runtime_ContentBlock.html: a text block holds text.
      if ([block, ...nested].some((b) => 'text' in b && (typeof b.text !== 'string' || !b.text.trim()))) {
        return awsError(
          400,
          'ValidationException',
          `The text field in the ContentBlock object at messages.${i}.content.${j} is blank. Add text to the text field, and try again.`,
        );
      }
      // API_runtime_ToolResultBlock.html: a toolResult answers a toolUse of the turn before.
      if (block.toolResult && !asked.has(block.toolResult.toolUseId)) {
        return awsError(
          400,
          'ValidationException',
          `The number of toolResult blocks at messages.${i}.content exceeds the number of toolUse blocks of previous turn.`,
        );
      }
    }
    if (!message.content?.length)
      return awsError(400, 'ValidationException', `The content field in the Message object at messages.${i} is empty.`);
  }
  // docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html: with tools,
  // the reasoning block goes back, unchanged, first in the assistant turn that made the call.
  const turn = messages.length - 2;
  const toolUse = (messages[turn]?.content ?? []).find((b) => b.toolUse)?.toolUse?.toolUseId;
  const expected = toolUse ? signed.get(toolUse) : undefined;
  if (expected !== undefined && messages.at(-1)?.content?.some((b) => b.toolResult)) {
    const first = messages[turn]!.content![0];
    if (!first?.reasoningContent)
      return awsError(
        400,
        'ValidationException',
        `The model returned the following errors: messages.${turn}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${Object.keys(first ?? {})[0] ?? 'nothing'}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block.`,
      );
    if (first.reasoningContent.reasoningText?.signature !== expected)
      return awsError(
        400,
        'ValidationException',
        `The model returned the following errors: messages.${turn}.content.0: Invalid \`signature\` in \`thinking\` block`,
      );
  }
  return null;
}

/** The fake's own frames, read back: [event type, payload] pairs; a corrupt or cut frame ends the list. */
function readFrames(bytes: Buffer): Array<[string, Record<string, unknown>]> {
  const out: Array<[string, Record<string, unknown>]> = [];
  try {
    for (let at = 0; at + 16 <= bytes.length; ) {
      const total = bytes.readUInt32BE(at);
      if (total < 16 || at + total > bytes.length) break;
      const headersEnd = at + 12 + bytes.readUInt32BE(at + 4);
      const headers: Record<string, string> = {};
      for (let h = at + 12; h < headersEnd; ) {
        const name = bytes.toString('utf8', h + 1, h + 1 + bytes[h]!);
        h += 1 + bytes[h]! + 1;
        const length = bytes.readUInt16BE(h);
        headers[name] = bytes.toString('utf8', h + 2, h + 2 + length);
        h += 2 + length;
      }
      if (headers[':message-type'] === 'event')
        out.push([headers[':event-type']!, JSON.parse(bytes.toString('utf8', headersEnd, at + total - 4)) as Record<string, unknown>]);
      at += total;
    }
  } catch {
    // a frame the test corrupted on purpose
  }
  return out;
}

/** The toolUseIds that follow signed reasoning in a reply, with that signature. */
function signedToolUses(reply: Reply): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let signature = '';
  const body = reply.body as { output?: { message?: { content?: Block[] } } } | undefined;
  if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
    for (const block of body.output?.message?.content ?? []) {
      signature = block.reasoningContent?.reasoningText?.signature ?? signature;
      if (block.toolUse?.toolUseId && signature) out.push([block.toolUse.toolUseId, signature]);
    }
    return out;
  }
  const bytes = Buffer.concat((reply.chunks ?? []).filter((c): c is Buffer => Buffer.isBuffer(c)));
  for (const [event, payload] of readFrames(bytes)) {
    const delta = payload.delta as { reasoningContent?: { signature?: string } } | undefined;
    const start = payload.start as { toolUse?: { toolUseId?: string } } | undefined;
    if (event === 'contentBlockDelta' && delta?.reasoningContent?.signature) signature += delta.reasoningContent.signature;
    if (event === 'contentBlockStart' && start?.toolUse?.toolUseId && signature) out.push([start.toolUse.toolUseId, signature]);
  }
  return out;
}

export async function startFakeBedrock(options: FakeBedrockOptions = {}): Promise<FakeBedrock> {
  const settings = { ...options, region: options.region ?? 'us-east-1' };
  const requests: BedrockRequest[] = [];
  const handlers: Record<'converse' | 'stream' | 'models' | 'profiles', BedrockHandler> = {
    converse: () => ({ body: converseBody({ text: ['Hello from Bedrock'] }) }),
    stream: () => streamReply(streamFrames({ text: ['Hello', ' from', ' Bedrock'] })),
    models: () => ({
      body: {
        modelSummaries: [
          {
            modelId: 'amazon.nova-lite-v1:0',
            modelName: 'Nova Lite',
            providerName: 'Amazon',
            inferenceTypesSupported: ['ON_DEMAND'],
            modelLifecycle: { status: 'ACTIVE' },
          },
          {
            modelId: 'anthropic.claude-sonnet-4-20250514-v1:0',
            modelName: 'Claude Sonnet 4',
            providerName: 'Anthropic',
            inferenceTypesSupported: ['INFERENCE_PROFILE'],
            modelLifecycle: { status: 'ACTIVE' },
          },
        ],
      },
    }),
    profiles: () => ({
      body: {
        inferenceProfileSummaries: [
          {
            inferenceProfileId: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
            inferenceProfileName: 'US Claude Sonnet 4',
            status: 'ACTIVE',
            type: 'SYSTEM_DEFINED',
          },
        ],
      },
    }),
  };
  const asHandler = (h: BedrockHandler | Reply): BedrockHandler => (typeof h === 'function' ? h : () => h);
  const signed = new Map<string, string>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const rawUrl = req.url ?? '/';
        const q = rawUrl.indexOf('?');
        const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
        const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
        const bytes = Buffer.concat(chunks);
        const rawBody = bytes.toString('utf8');
        let body: unknown = rawBody;
        try {
          body = rawBody ? JSON.parse(rawBody) : undefined;
        } catch {
          // keep the text
        }
        const method = req.method ?? 'GET';
        const route = /^\/model\/([^/]+)\/(converse|converse-stream)$/.exec(rawPath);
        const checked = authenticate(method, rawPath, rawQuery, req.headers, bytes, settings);
        const recorded: BedrockRequest = {
          method,
          path: rawPath,
          query: new URLSearchParams(rawQuery),
          headers: req.headers,
          rawBody,
          body,
          ...(route && { modelId: decodeURIComponent(route[1]!) }),
          auth: checked.ok ? checked.auth : { kind: 'rejected', reason: checked.reason },
        };
        requests.push(recorded);
        let reply: Reply;
        if (!checked.ok) reply = checked.reply;
        else if (route && method === 'POST') {
          reply = validateConverse(body, signed) ?? (await (route[2] === 'converse' ? handlers.converse : handlers.stream)(recorded));
          for (const [id, signature] of signedToolUses(reply)) signed.set(id, signature);
        } else if (rawPath === '/foundation-models' && method === 'GET') reply = await handlers.models(recorded);
        else if (rawPath === '/inference-profiles' && method === 'GET') reply = await handlers.profiles(recorded);
        else reply = awsError(404, 'UnknownOperationException', `no fake route for ${method} ${rawPath}`);
        await writeReply(res, reply);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    region: settings.region,
    requests,
    onConverse: (h) => (handlers.converse = asHandler(h)),
    onConverseStream: (h) => (handlers.stream = asHandler(h)),
    onFoundationModels: (h) => (handlers.models = asHandler(h)),
    onInferenceProfiles: (h) => (handlers.profiles = asHandler(h)),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
