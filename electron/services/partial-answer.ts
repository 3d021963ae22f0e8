// A streamed answer saved while it arrives, so that a crash or kill -9 keeps what was on screen
// (issue #22 §8). The first save writes the message marked `interrupted`; each later save appends
// only what came since (a `partial` record), so the file grows with the answer, not with its square;
// the finished answer replaces the message (same id) with its final status. A save is due after
// PARTIAL_SAVE_CHARS of new text or PARTIAL_SAVE_MS after the first unsaved delta, whichever comes
// first; the history store queues the writes, so the stream never waits for the disk.
import type { StoredMessage } from '../../shared/api/history';
import type { HistoryStore } from './history';

export const PARTIAL_SAVE_CHARS = 16 * 1024;
export const PARTIAL_SAVE_MS = 2_000;
/** A "word" longer than this (no whitespace at all) is cut anyway: no key is that long. */
const LONGEST_WORD = 4096;

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/**
 * How far `text` may be saved, from `from`: up to the start of its second-last word. Each saved
 * piece is scrubbed of keys on its own, so no word, and no "Bearer <token>" pair, may be split
 * between two pieces; the held-back words go with the next save or the final message.
 */
export function saveableEnd(text: string, from: number): number {
  const floor = Math.max(from, text.length - LONGEST_WORD);
  let at = text.length;
  for (let pass = 0; pass < 2; pass += 1) {
    while (at > floor && isSpace(text.charCodeAt(at - 1))) at -= 1;
    while (at > floor && !isSpace(text.charCodeAt(at - 1))) at -= 1;
  }
  if (at > floor) return at;
  return text.length - LONGEST_WORD > from ? text.length - LONGEST_WORD : from;
}

export class PartialAnswer {
  private text = '';
  private reasoning = '';
  private savedText = 0;
  private savedReasoning = 0;
  private started = false;
  private timer: NodeJS.Timeout | null = null;

  /** `head` is the message as it will be saved (id, role, at, target), without its content yet. */
  constructor(
    private readonly history: HistoryStore,
    private readonly conversationId: string,
    private readonly head: StoredMessage,
  ) {}

  /** After every delta, with the whole answer so far; costs a comparison unless a save is due. */
  update(text: string, reasoning: string): void {
    this.text = text;
    this.reasoning = reasoning;
    if (text.length - this.savedText + reasoning.length - this.savedReasoning >= PARTIAL_SAVE_CHARS) this.save();
    else this.timer ??= setTimeout(() => this.save(), PARTIAL_SAVE_MS);
  }

  private save(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const textEnd = saveableEnd(this.text, this.savedText);
    const reasoningEnd = saveableEnd(this.reasoning, this.savedReasoning);
    if (textEnd === this.savedText && reasoningEnd === this.savedReasoning) return;
    const text = this.text.slice(this.savedText, textEnd);
    const reasoning = this.reasoning.slice(this.savedReasoning, reasoningEnd);
    this.savedText = textEnd;
    this.savedReasoning = reasoningEnd;
    const write = this.started
      ? this.history.appendToMessage(this.conversationId, this.head.id, { text, reasoning })
      : this.history.addMessage(this.conversationId, {
          ...this.head,
          content: text,
          ...(reasoning && { reasoning }),
          status: 'interrupted',
        });
    this.started = true;
    // A failed save (disk full) must not end the stream; the final save reports its own failure.
    write.catch(() => undefined);
  }

  /** Stops saving parts; the finished message replaces what was saved. */
  async finish(message: StoredMessage): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.history.addMessage(this.conversationId, message);
  }
}
