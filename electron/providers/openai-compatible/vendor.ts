// Body fields of the chat-completions request that only some OpenAI-compatible vendors or models
// take (seed-wire.md §2.3): `reasoning_effort` for OpenAI's reasoning models, `tool_stream` for Z.AI.

/**
 * Whether the model takes `reasoning_effort`: the seed's rule (the id after its last "/" starts
 * with gpt-5 or contains codex) plus OpenAI's o-series (o1, o3, o4-mini…), which take it too. Other
 * models reject the field, so a profile-wide setting must not reach them.
 */
export function takesReasoningEffort(model: string): boolean {
  const id = model.slice(model.lastIndexOf('/') + 1).toLowerCase();
  return id.startsWith('gpt-5') || id.includes('codex') || /^o\d/.test(id);
}

/** Z.AI hosts (api.z.ai and any *.z.ai): they stream tool-call arguments only when asked. */
export function isZaiHost(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname.toLowerCase();
    return host === 'z.ai' || host.endsWith('.z.ai');
  } catch {
    return false;
  }
}

export interface VendorContext {
  baseUrl: string;
  reasoningEffort?: string;
}

/**
 * The extra fields for one request. `tool_stream` goes with native tools on a streamed request to
 * a Z.AI host; the seed also sent it without tools and on every vendor's stream (QUIRK), and on
 * non-streamed calls, where it means nothing.
 */
export function vendorFields(
  context: VendorContext,
  request: { model: string },
  options: { stream: boolean; nativeTools: boolean },
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const effort = context.reasoningEffort?.trim().toLowerCase();
  if (effort && takesReasoningEffort(request.model)) fields.reasoning_effort = effort;
  if (options.stream && options.nativeTools && isZaiHost(context.baseUrl)) fields.tool_stream = true;
  return fields;
}
