// Chat history: one append-only JSONL file per conversation in <data>/history/. Appending never
// rewrites what is there, so a crash loses at most the line being written; a torn last line is
// skipped and reported when the conversation is loaded. Renames and deletions of messages are
// appended records too, and so is an answer while it streams: its first part as a message marked
// `interrupted`, each later part as a `partial` record, until the finished message replaces it.
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StoredMessage, type ConversationSummary } from '../../shared/api/history';
import type { HostContext } from '../host/context';
import { AppError } from '../errors';
import { redactDeep } from '../secrets/redact';

/** One line of a conversation file. Each line is checked on its own: a bad one is skipped, not fatal. */
const HistoryRecord = z.discriminatedUnion('type', [
  z.object({ type: z.literal('meta'), id: z.string(), title: z.string(), createdAt: z.number() }),
  z.object({ type: z.literal('message'), message: StoredMessage }),
  z.object({ type: z.literal('remove'), messageId: z.string(), at: z.number() }),
  z.object({ type: z.literal('rename'), title: z.string(), at: z.number() }),
  /** More of a message still streaming: appended to its content (and reasoning) when loaded. */
  z.object({ type: z.literal('partial'), messageId: z.string(), text: z.string(), reasoning: z.string().optional(), at: z.number() }),
]);
type Record_ = z.infer<typeof HistoryRecord>;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface LoadedConversation {
  conversation: ConversationSummary;
  messages: StoredMessage[];
  warnings: string[];
}

export class HistoryStore {
  readonly dir: string;
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly checked = new Set<string>();
  private dirReady = false;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'history');
  }

  private file(id: string): string {
    if (!ID.test(id)) throw new AppError('invalid_input', `Not a conversation id: ${JSON.stringify(id)}.`);
    return path.join(this.dir, `${id}.jsonl`);
  }

  /** Appends are serialised per conversation so lines never interleave; several records go in one write. */
  private append(id: string, ...records: Record_[]): Promise<void> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    // Scrub before writing: a message or an error may quote a key the provider echoed.
    const lines = records.map((record) => `${JSON.stringify(redactDeep(record))}\n`).join('');
    const run = previous.then(async () => this.write(id, (await this.endsTorn(id)) ? `\n${lines}` : lines));
    this.queues.set(
      id,
      run.catch(() => undefined),
    );
    return run;
  }

  /** The folder is made once per run, and again if something removed it meanwhile. */
  private async write(id: string, text: string): Promise<void> {
    if (!this.dirReady) {
      await mkdir(this.dir, { recursive: true });
      this.dirReady = true;
    }
    try {
      await appendFile(this.file(id), text, { mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(this.dir, { recursive: true });
      await appendFile(this.file(id), text, { mode: 0o600 });
    }
  }

  /**
   * A file cut mid-line (a crash while writing) must not swallow the next record: the first append
   * of this run starts a fresh line when the file does not end with one.
   */
  private async endsTorn(id: string): Promise<boolean> {
    if (this.checked.has(id)) return false;
    this.checked.add(id);
    try {
      const handle = await open(this.file(id), 'r');
      try {
        const { size } = await handle.stat();
        if (size === 0) return false;
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        return last[0] !== 0x0a;
      } finally {
        await handle.close();
      }
    } catch {
      return false;
    }
  }

  /** A new conversation, with its first message in the same write when there is one. */
  async create(title: string, first?: StoredMessage): Promise<string> {
    const id = randomUUID().replace(/-/g, '');
    this.checked.add(id);
    const meta: Record_ = { type: 'meta', id, title: title.slice(0, 200) || 'New chat', createdAt: Date.now() };
    await (first ? this.append(id, meta, { type: 'message', message: first }) : this.append(id, meta));
    return id;
  }

  addMessage(id: string, message: StoredMessage): Promise<void> {
    return this.append(id, { type: 'message', message });
  }

  /** Adds text that arrived since the last save to a message still streaming (see partial-answer.ts). */
  appendToMessage(id: string, messageId: string, more: { text: string; reasoning?: string }): Promise<void> {
    return this.append(id, {
      type: 'partial',
      messageId,
      text: more.text,
      ...(more.reasoning && { reasoning: more.reasoning }),
      at: Date.now(),
    });
  }

  removeMessage(id: string, messageId: string): Promise<void> {
    return this.removeMessages(id, [messageId]);
  }

  /** Several messages in one write (edit and resend drops a turn and all after it). */
  removeMessages(id: string, messageIds: string[]): Promise<void> {
    const at = Date.now();
    return this.append(id, ...messageIds.map((messageId): Record_ => ({ type: 'remove', messageId, at })));
  }

  rename(id: string, title: string): Promise<void> {
    return this.append(id, { type: 'rename', title, at: Date.now() });
  }

  async load(id: string): Promise<LoadedConversation> {
    let text: string;
    try {
      text = await readFile(this.file(id), 'utf8');
    } catch {
      throw new AppError('not_found', 'That conversation no longer exists.');
    }
    const lines = text.split('\n');
    const warnings: string[] = [];
    let meta: Extract<Record_, { type: 'meta' }> | null = null;
    let title = '';
    let updatedAt = 0;
    const messages = new Map<string, StoredMessage>();
    lines.forEach((line, index) => {
      if (!line.trim()) return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        warnings.push(
          index >= lines.length - 2
            ? 'The last message was only partly saved (the app may have been closed while writing); it was skipped.'
            : `Line ${index + 1} is damaged and was skipped.`,
        );
        return;
      }
      const parsed = HistoryRecord.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        warnings.push(
          `Line ${index + 1} is not a record Switchyard can read (${issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'unknown shape'}); it was skipped and stays in the file.`,
        );
        return;
      }
      const record: Record_ = parsed.data;
      if (record.type === 'meta') {
        meta = record;
        title = record.title;
        updatedAt = record.createdAt;
      } else if (record.type === 'message') {
        messages.set(record.message.id, record.message);
        updatedAt = Math.max(updatedAt, record.message.at);
      } else if (record.type === 'remove') {
        messages.delete(record.messageId);
        updatedAt = Math.max(updatedAt, record.at);
      } else if (record.type === 'rename') {
        title = record.title;
      } else if (record.type === 'partial') {
        const message = messages.get(record.messageId);
        if (message)
          messages.set(record.messageId, {
            ...message,
            content: message.content + record.text,
            ...(record.reasoning && { reasoning: (message.reasoning ?? '') + record.reasoning }),
          });
        updatedAt = Math.max(updatedAt, record.at);
      }
    });
    const found = meta as Extract<Record_, { type: 'meta' }> | null;
    if (!found) throw new AppError('corrupt', 'This conversation file has no header and cannot be opened.');
    const list = [...messages.values()];
    return { conversation: { id, title, createdAt: found.createdAt, updatedAt, messageCount: list.length }, messages: list, warnings };
  }

  async list(query?: string): Promise<ConversationSummary[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const out: ConversationSummary[] = [];
    const needle = query?.trim().toLowerCase();
    for (const name of names.filter((n) => n.endsWith('.jsonl'))) {
      const id = name.slice(0, -'.jsonl'.length);
      try {
        const { conversation, messages, warnings } = await this.load(id);
        const listed = warnings.length > 0 ? { ...conversation, problem: warnings.join(' ') } : conversation;
        if (!needle || conversation.title.toLowerCase().includes(needle)) {
          out.push(listed);
          continue;
        }
        const snippet = messages.map((m) => snippetAround(m.content, needle)).find((s) => s !== null);
        if (snippet) out.push({ ...listed, snippet });
      } catch (error) {
        // Listed with its problem rather than hidden (not in search results: nothing in it can match);
        // the file stays as it is, and can be deleted.
        if (needle || !ID.test(id)) continue;
        const modified = await stat(path.join(this.dir, name)).then(
          (s) => s.mtimeMs,
          () => 0,
        );
        out.push({
          id,
          title: 'Unreadable conversation',
          createdAt: modified,
          updatedAt: modified,
          messageCount: 0,
          problem: (error as Error).message,
        });
      }
    }
    return out.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async delete(id: string): Promise<void> {
    await rm(this.file(id), { force: true });
  }

  async deleteAll(): Promise<number> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((n) => n.endsWith('.jsonl'));
    await Promise.all(names.map((name) => rm(path.join(this.dir, name), { force: true })));
    return names.length;
  }
}

/** About 80 characters around the first match, on one line, or null when the text has none. */
function snippetAround(text: string, needle: string): string | null {
  const at = text.toLowerCase().indexOf(needle);
  if (at === -1) return null;
  const start = Math.max(0, at - 30);
  const end = Math.min(text.length, at + needle.length + 50);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}

export const historyStore = (ctx: HostContext) => new HistoryStore(ctx.dataDir);
