// The capability probe: for one profile and model, the smallest request that shows each capability,
// sent through the same Provider interface chat uses, and a verdict on what the model really did.
// Nothing is inferred from the provider's name: a model that drops an image, answers a tool in
// prose or wraps its JSON in prose gets "no", with what it did instead.
import type { CapabilityResult, ProbeEstimate, ProbeRecord } from '../../../shared/api/models';
import type { Capability } from '../../../shared/types';
import type { HostContext } from '../../host/context';
import { classifyError, ProviderError } from '../../http/errors';
import type { ChatRequest, Provider, StreamEvent, ToolCall } from '../../providers/traits';
import { costOf } from '../stream/metrics';
import { priceFor } from '../prices';
import { providerForProfile } from '../profile-provider';
import { capabilityStore } from '../../model-info/capability-store';
import { countConversation } from '../../model-info/token-count';

/** An 8×8 solid red PNG: the smallest image every vision API accepts, and one colour to name. */
export const RED_PIXELS =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGP4z8CAFWEXHbQSACj/P8Fu7N9hAAAAAElFTkSuQmCC';
export const PROBE_TOOL = 'probe_time';
/** A hung provider must not hold the probe for ever. */
const REQUEST_TIMEOUT_MS = 60_000;

interface Seen {
  text: string;
  reasoning: string;
  toolCalls: ToolCall[];
  usage?: { inputTokens?: number; outputTokens?: number; reasoningTokens?: number };
  error?: unknown;
}

interface ProbeSpec {
  capability: Capability;
  request: Omit<ChatRequest, 'model' | 'signal'>;
  judge(seen: Seen): Pick<CapabilityResult, 'verdict' | 'detail'>;
}

function quote(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return line ? `"${line.length > 60 ? `${line.slice(0, 57)}…` : line}"` : 'nothing';
}

export const PROBES: ProbeSpec[] = [
  {
    capability: 'tools',
    request: {
      messages: [{ role: 'user', content: `Call the ${PROBE_TOOL} tool.` }],
      tools: [{ name: PROBE_TOOL, description: 'Returns the current time.', parameters: { type: 'object', properties: {} } }],
      maxTokens: 64,
      // What the model does with the API's tools field, not with tools described in the prompt.
      toolFallback: false,
    },
    judge: (seen) => {
      const call = seen.toolCalls.find((c) => c.name === PROBE_TOOL);
      if (call) return { verdict: 'yes', detail: `called ${PROBE_TOOL}` };
      if (seen.toolCalls.length > 0) return { verdict: 'no', detail: `called an unknown tool (${seen.toolCalls[0]!.name.slice(0, 40)})` };
      return { verdict: 'no', detail: `answered ${quote(seen.text)} without a tool call` };
    },
  },
  {
    capability: 'vision',
    request: {
      messages: [{ role: 'user', content: 'What colour is this image? Answer with one word.', images: [RED_PIXELS] }],
      maxTokens: 16,
    },
    judge: (seen) =>
      /\bred\b/i.test(seen.text)
        ? { verdict: 'yes', detail: 'named the colour of the image (red)' }
        : { verdict: 'no', detail: `answered ${quote(seen.text)} for a red image` },
  },
  {
    capability: 'json',
    request: {
      messages: [{ role: 'user', content: 'Reply with the JSON object {"ok": true} and nothing else.' }],
      maxTokens: 32,
      responseFormat: 'json',
    },
    judge: (seen) => {
      try {
        const value: unknown = JSON.parse(seen.text);
        if (value && typeof value === 'object' && !Array.isArray(value)) return { verdict: 'yes', detail: 'answered with a JSON object' };
      } catch {
        // not JSON: said below
      }
      return { verdict: 'no', detail: `answered ${quote(seen.text)}, not a bare JSON object` };
    },
  },
  {
    capability: 'reasoning',
    request: { messages: [{ role: 'user', content: 'Which is larger, 9.11 or 9.9? Answer with the number only.' }], maxTokens: 1024 },
    judge: (seen) => {
      if (seen.reasoning.trim()) return { verdict: 'yes', detail: `streamed ${seen.reasoning.length} characters of reasoning` };
      if (seen.usage?.reasoningTokens)
        return { verdict: 'yes', detail: `reported ${seen.usage.reasoningTokens} reasoning tokens (the text is hidden)` };
      return { verdict: 'no', detail: 'answered without reasoning' };
    },
  },
  {
    capability: 'usage',
    request: { messages: [{ role: 'user', content: 'Say OK.' }], maxTokens: 8 },
    judge: (seen) =>
      seen.usage?.outputTokens !== undefined || seen.usage?.inputTokens !== undefined
        ? {
            verdict: 'yes',
            detail: `the stream reported ${seen.usage.inputTokens ?? '?'} in / ${seen.usage.outputTokens ?? '?'} out tokens`,
          }
        : { verdict: 'no', detail: 'the stream carried no token counts' },
  },
];

async function send(provider: Provider, model: string, spec: ProbeSpec): Promise<Seen> {
  const seen: Seen = { text: '', reasoning: '', toolCalls: [] };
  try {
    for await (const event of provider.stream({
      ...spec.request,
      model,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    }) as AsyncIterable<StreamEvent>) {
      if (event.type === 'text') seen.text += event.delta;
      else if (event.type === 'reasoning') seen.reasoning += event.delta;
      else if (event.type === 'tool_call') seen.toolCalls.push(event.call);
      else if (event.type === 'usage') seen.usage = { ...seen.usage, ...event.usage };
    }
  } catch (error) {
    seen.error = error;
  }
  return seen;
}

/** A refused request means "no" when the refusal is about the request (400, 422, unsupported); anything else cannot tell. */
function verdictOnError(error: unknown): Pick<CapabilityResult, 'verdict' | 'detail'> {
  const errorClass = classifyError(error);
  const status = error instanceof ProviderError && error.status !== undefined ? `HTTP ${error.status}: ` : '';
  const message = `${status}${(error as Error).message ?? String(error)}`.replace(/\s+/g, ' ').slice(0, 160);
  return errorClass === 'bad_request' || errorClass === 'capability'
    ? { verdict: 'no', detail: `refused: ${message}` }
    : { verdict: 'error', detail: `could not tell: ${message}` };
}

export async function probeModel(ctx: HostContext, profileId: string, model: string, only?: Capability[]): Promise<ProbeRecord> {
  const { provider } = await providerForProfile(ctx, profileId);
  const results: CapabilityResult[] = [];
  // One at a time: five requests at once would trip a free tier's rate limit and blur the answers.
  for (const spec of PROBES.filter((p) => !only || only.includes(p.capability))) {
    const seen = await send(provider, model, spec);
    // A partly streamed answer that then failed is judged on the error: the request did not finish.
    const verdict = seen.error !== undefined ? verdictOnError(seen.error) : spec.judge(seen);
    results.push({
      capability: spec.capability,
      ...verdict,
      ...(seen.usage?.inputTokens !== undefined && { inputTokens: seen.usage.inputTokens }),
      ...(seen.usage?.outputTokens !== undefined && { outputTokens: seen.usage.outputTokens }),
    });
  }
  const record: ProbeRecord = { profileId, model, at: Date.now(), results };
  await ctx.use(capabilityStore).put(record);
  ctx.emit('capabilities.changed', { record });
  return record;
}

/** What a probe sends and may get back, and at most what that costs, before anything is sent. */
export async function estimateProbe(ctx: HostContext, profileId: string, model: string): Promise<ProbeEstimate> {
  let inputTokens = 0;
  let maxOutputTokens = 0;
  for (const spec of PROBES) {
    const messages = spec.request.messages.map((m) => ({ role: m.role, content: m.content, images: m.images?.length ?? 0 }));
    // Tool definitions travel with the request too; counted as their JSON.
    if (spec.request.tools) messages.push({ role: 'system', content: JSON.stringify(spec.request.tools), images: 0 });
    inputTokens += (await countConversation(model, messages)).tokens;
    maxOutputTokens += spec.request.maxTokens ?? 0;
  }
  const { providerKey } = await providerForProfile(ctx, profileId);
  const price = await priceFor(ctx, { model, providerKey, profileId });
  return {
    inputTokens,
    maxOutputTokens,
    requests: PROBES.length,
    costUsd: price ? costOf(price, inputTokens, 0, maxOutputTokens, 0) : null,
    ...(price?.source && { priceSource: price.source }),
  };
}
