// How many tokens a conversation takes, counted with the model family's own tokenizer where a
// well-kept one exists (OpenAI's o200k_base and cl100k_base, from gpt-tokenizer), else estimated
// at four characters a token and marked as an estimate. The tokenizer tables are 1–2 MB each and
// are loaded on first use only (about half a second, once).

/**
 * The estimate used when no tokenizer applies or a provider reports no usage: about four characters
 * per token for English text with the common BPE tokenizers. Good to ±25 %; always marked "≈".
 */
export const CHARS_PER_TOKEN = 4;

export type Tokenizer = 'o200k_base' | 'cl100k_base';

export interface CountedMessage {
  role: string;
  content: string;
  images?: number;
}

export interface TokenCount {
  tokens: number;
  /** The tokenizer used, or absent for the four-characters estimate. */
  tokenizer?: Tokenizer;
  estimated: boolean;
}

/** OpenAI's chat format adds a few tokens per message and three to prime the reply. */
const PER_MESSAGE = 4;
const REPLY_PRIMER = 3;
/** An image costs ~85–1,100 tokens depending on its size and the provider; counted as a typical one. */
export const TOKENS_PER_IMAGE = 800;

/** The tokenizer of an OpenAI model family (also behind Azure, OpenRouter and gateways' "openai/…"). */
export function tokenizerFor(model: string): Tokenizer | undefined {
  const name = model.toLowerCase().slice(model.lastIndexOf('/') + 1);
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|chatgpt-4o|o1|o3|o4|gpt-oss|codex-mini)/.test(name)) return 'o200k_base';
  if (/^(gpt-4|gpt-3\.5)/.test(name)) return 'cl100k_base';
  return undefined;
}

type Encoding = { countTokens(text: string, options?: { disallowedSpecial?: Set<string> }): number };
const encodings = new Map<Tokenizer, Promise<Encoding>>();

function load(tokenizer: Tokenizer): Promise<Encoding> {
  let loading = encodings.get(tokenizer);
  if (!loading) {
    loading = tokenizer === 'o200k_base' ? import('gpt-tokenizer/encoding/o200k_base') : import('gpt-tokenizer/encoding/cl100k_base');
    encodings.set(tokenizer, loading);
  }
  return loading;
}

export async function countConversation(model: string, messages: CountedMessage[]): Promise<TokenCount> {
  const images = messages.reduce((n, m) => n + (m.images ?? 0), 0) * TOKENS_PER_IMAGE;
  const overhead = messages.length * PER_MESSAGE + REPLY_PRIMER;
  const tokenizer = tokenizerFor(model);
  if (tokenizer) {
    const encoding = await load(tokenizer);
    // Special-token text in a message ("<|endoftext|>") is plain text to the API; counted so here.
    const text = messages.reduce((n, m) => n + encoding.countTokens(m.content, { disallowedSpecial: new Set() }), 0);
    return { tokens: text + images + overhead, tokenizer, estimated: images > 0 };
  }
  const chars = messages.reduce((n, m) => n + m.content.length, 0);
  return { tokens: Math.ceil(chars / CHARS_PER_TOKEN) + images + overhead, estimated: true };
}
