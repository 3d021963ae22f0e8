// Where a gateway request's time went: waiting on the provider, waiting on the client (its upload,
// or a reader slower than the answer), and the rest, which is the gateway's own work (checks,
// parsing, the engine, encoding). The own time is what a user asks of a local proxy ("what does
// the hop cost me?"), so every answer carries it as a standard `Server-Timing` header, as LiteLLM's
// `x-litellm-overhead-duration-ms` does, and the request log keeps it.
//
// What it cannot see: the time before the handler runs (the kernel and Node's HTTP parser) and
// after the last write (the kernel delivering it). Those are the hop itself, the same for any
// process between a client and a provider; `npm run bench -- gateway` measures them end to end.

export const SERVER_TIMING_HEADER = 'server-timing';

export class RequestClock {
  readonly startedAt = performance.now();
  private providerMs = 0;
  private clientMs = 0;

  /** Adds a wait on the provider: a call for its next event, from the call to the event. */
  provider(sinceMs: number): void {
    this.providerMs += performance.now() - sinceMs;
  }

  /** Adds a wait on the client: its request body arriving, or a slow reader's backpressure. */
  client(sinceMs: number): void {
    this.clientMs += performance.now() - sinceMs;
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
