// Message content as OpenAI-compatible servers send it: a string, or typed parts. Mistral's
// reasoning models (docs.mistral.ai/capabilities/reasoning) answer with
// [{type: "thinking", thinking: [{type: "text", text}]}, {type: "text", text}], streamed and whole;
// the thinking is reasoning, the text is the answer. Other part types (references, images) are not
// answer text and are left out.

export interface ContentText {
  text: string;
  reasoning: string;
}

type Part = { type?: unknown; text?: unknown; thinking?: unknown };

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return '';
  let out = '';
  for (const part of value as Part[])
    if (part && typeof part === 'object' && part.type === 'text' && typeof part.text === 'string') out += part.text;
  return out;
}

/** The answer and the reasoning carried by a `content` field, whichever shape it has. */
export function contentText(content: unknown): ContentText {
  if (typeof content === 'string') return { text: content, reasoning: '' };
  if (!Array.isArray(content)) return { text: '', reasoning: '' };
  let text = '';
  let reasoning = '';
  for (const part of content as Part[]) {
    if (!part || typeof part !== 'object') continue;
    if (part.type === 'text' && typeof part.text === 'string') text += part.text;
    else if (part.type === 'thinking') reasoning += textOf(part.thinking);
  }
  return { text, reasoning };
}
