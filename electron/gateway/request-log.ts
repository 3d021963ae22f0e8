// The gateway's request log: the last requests in memory (never on disk), each sent to the UI when
// it starts and when it ends. Prompts and answers are kept only when the user turned that on, and
// then cut to a few kilobytes.
import type { GatewayLogEntry } from '../../shared/api/gateway';
import type { HostContext } from '../host/context';
import { redactDeep } from '../secrets/redact';

export const LOG_CAPACITY = 500;
/** Per prompt or answer when bodies are kept: enough to recognise a request, not a transcript. */
export const MAX_LOGGED_CHARS = 4000;

export function clip(text: string): string {
  return text.length <= MAX_LOGGED_CHARS ? text : `${text.slice(0, MAX_LOGGED_CHARS)}… (${text.length - MAX_LOGGED_CHARS} more characters)`;
}

export class RequestLog {
  private readonly entries: GatewayLogEntry[] = [];
  private readonly known = new Set<string>();
  /** Last request per token id, for "last used" in the token list. */
  private readonly lastUsed = new Map<string, number>();

  constructor(private readonly ctx: HostContext) {}

  /** Records a new or changed entry and tells the UI. */
  put(entry: GatewayLogEntry): void {
    // Entries are updated in place, so a known one is already in the list.
    if (!this.known.has(entry.id)) {
      this.known.add(entry.id);
      this.entries.unshift(entry);
      if (this.entries.length > LOG_CAPACITY) this.known.delete(this.entries.pop()!.id);
    }
    this.ctx.emit('gateway.request', entry);
  }

  used(tokenId: string, at: number): void {
    this.lastUsed.set(tokenId, at);
  }

  lastUsedAt(tokenId: string): number | undefined {
    return this.lastUsed.get(tokenId);
  }

  /**
   * The entries as the UI may see them: scrubbed like every event, since an attempt's message is a
   * provider's own error text (which can quote a key). Done here, when the page asks, rather than
   * on every request.
   */
  list(): GatewayLogEntry[] {
    return redactDeep(this.entries);
  }

  clear(): void {
    this.entries.length = 0;
    this.known.clear();
  }
}

export const requestLog = (ctx: HostContext) => new RequestLog(ctx);
