// Where a gateway request's time went: waiting on the provider, waiting on the client (its upload,
// or a reader slower than the answer), and the rest, which is the gateway's own work (checks,
// parsing, the engine, encoding). The own time is what a user asks of a local proxy ("what does
// the hop cost me?"), so every answer carries it as a standard `Server-Timing` header, as LiteLLM's
// `x-litellm-overhead-duration-ms` does, and the request log keeps it.
//
// Where the lines are drawn: a wait on the provider is the call for its next event, so it includes
// our HTTP client sending the request and reading the answer, and the adapter parsing it (as
// LiteLLM's "LLM API call time" includes its client's). Not seen at all: the time before the
// handler runs (the kernel and Node's HTTP parser) and after the last write. Those belong to the
// hop that any process between a client and a provider costs; `npm run bench -- gateway` measures
// the whole of it end to end, and the gateway process's CPU per request.

export const SERVER_TIMING_HEADER = 'server-timing';

export class RequestClock {
  readonly startedAt = performance.now();
  private providerMs = 0;
  private clientMs = 0;

  /** Adds a wait on the provider: a call for its next event, from the call to the event. */
  provider(sinceMs: number): void {
    this.providerMs += performance.now() - sinceMs;
  }

  /** Awaits the client (its request body arriving, or a slow reader draining) as the client's time. */
  async waitOnClient<T>(pending: Promise<T>): Promise<T> {
    const since = performance.now();
    try {
      return await pending;
    } finally {
      this.clientMs += performance.now() - since;
    }
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** The gateway's own time so far: everything that was not a wait on either side. */
  ownMs(): number {
    return Math.max(0, this.elapsedMs() - this.providerMs - this.clientMs);
  }

  /** `Server-Timing` as of now (for a stream, that is when its first event goes out). */
  serverTiming(): string {
    return `gateway;dur=${this.ownMs().toFixed(3)};desc="Switchyard's own time", provider;dur=${this.providerMs.toFixed(3)}`;
  }
}
