// Some models (DeepSeek-R1, Qwen, GLM through OpenAI-compatible servers) put their reasoning inside
// <think>…</think> in the answer text. We route it to reasoning instead of dropping it, as the seed
// did (seed-wire.md §2.5), so it can be shown apart and does not pollute the answer.

const OPEN = '<think>';
const CLOSE = '</think>';

export interface SplitText {
  text: string;
  reasoning: string;
}

/** Whole text: reasoning blocks out, answer trimmed; an unclosed block runs to the end. */
export function splitThinkTags(input: string): SplitText {
  const splitter = new ThinkTagSplitter();
  const a = splitter.push(input);
  const b = splitter.end();
  return { text: (a.text + b.text).trim(), reasoning: (a.reasoning + b.reasoning).trim() };
}

/** Streaming version: tags may be split across deltas, so a possible tag prefix is held back. */
export class ThinkTagSplitter {
  private inThink = false;
  private carry = '';

  /** True when `delta` is answer text as it is: no tag in it, none open, none half-seen. */
  isPlain(delta: string): boolean {
    return !this.inThink && this.carry === '' && !delta.includes('<');
  }

  push(delta: string): SplitText {
    // The common case: plain answer text with no tag in sight.
    if (!this.inThink && this.carry === '' && !delta.includes('<')) return { text: delta, reasoning: '' };
    let input = this.carry + delta;
    this.carry = '';
    let text = '';
    let reasoning = '';
    while (input.length > 0) {
      const tag = this.inThink ? CLOSE : OPEN;
      const at = input.indexOf(tag);
      if (at !== -1) {
        if (this.inThink) reasoning += input.slice(0, at);
        else text += input.slice(0, at);
        input = input.slice(at + tag.length);
        this.inThink = !this.inThink;
        continue;
      }
      // Hold back a tail that could be the start of the tag.
      let hold = 0;
      for (let n = Math.min(tag.length - 1, input.length); n > 0; n -= 1) {
        if (tag.startsWith(input.slice(input.length - n))) {
          hold = n;
          break;
        }
      }
      const ready = input.slice(0, input.length - hold);
      if (this.inThink) reasoning += ready;
      else text += ready;
      this.carry = input.slice(input.length - hold);
      input = '';
    }
    return { text, reasoning };
  }

  end(): SplitText {
    const rest = this.carry;
    this.carry = '';
    return this.inThink ? { text: '', reasoning: rest } : { text: rest, reasoning: '' };
  }
}
