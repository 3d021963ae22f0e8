// The AWS event-stream framing of ConverseStream, buffered across chunk boundaries.
import { EventStreamCodec, type Message } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { eventTooLarge, MAX_FRAME_BYTES } from '../../http/limits';

/** Prelude (12) + message CRC (4). */
const MIN_FRAME_BYTES = 16;

export class EventStreamFramingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStreamFramingError';
  }
}

export interface DecodedFrame {
  headers: Record<string, string>;
  payload: string;
}

export class EventStreamDecoder {
  private readonly codec = new EventStreamCodec(toUtf8, fromUtf8);
  private buffer: Uint8Array = new Uint8Array(0);

  /** `provider` names the sender in the error for a frame over MAX_FRAME_BYTES. */
  constructor(private readonly provider = 'The provider') {}

  /** Bytes of a frame not complete yet (non-zero at the end of a body means the stream was cut). */
  get pending(): number {
    return this.buffer.length;
  }

  /** A bad frame found after good ones in the same feed: those are returned first, this is thrown next. */
  failure: Error | null = null;

  /**
   * Adds bytes; returns every frame completed by them. Throws EventStreamFramingError on corrupt
   * data and a ProviderError on a frame over MAX_FRAME_BYTES — or, when frames before it decoded
   * fine, returns those and leaves the error in `failure` (thrown by the next feed).
   */
  feed(bytes: Uint8Array): DecodedFrame[] {
    if (this.failure) throw this.failure;
    if (bytes.length > 0) {
      const joined = new Uint8Array(this.buffer.length + bytes.length);
      joined.set(this.buffer, 0);
      joined.set(bytes, this.buffer.length);
      this.buffer = joined;
    }
    const frames: DecodedFrame[] = [];
    try {
      while (this.buffer.length >= 4) {
        const frame = this.nextFrame();
        if (!frame) break;
        frames.push(frame);
      }
    } catch (error) {
      if (frames.length === 0) throw error;
      this.failure = error as Error;
    }
    return frames;
  }

  private nextFrame(): DecodedFrame | null {
    const total = new DataView(this.buffer.buffer, this.buffer.byteOffset, 4).getUint32(0, false);
    if (total < MIN_FRAME_BYTES) throw new EventStreamFramingError(`event-stream frame length ${total} is out of range`);
    // Refused from its 4-byte length, before any of it is buffered.
    if (total > MAX_FRAME_BYTES) throw eventTooLarge(this.provider, `an event-stream frame (${total} bytes)`, MAX_FRAME_BYTES);
    if (this.buffer.length < total) return null;
    const frame = this.buffer.subarray(0, total);
    this.buffer = this.buffer.subarray(total);
    let message: Message;
    try {
      message = this.codec.decode(frame);
    } catch (error) {
      throw new EventStreamFramingError(`corrupt event-stream frame (${(error as Error).message})`, { cause: error });
    }
    const headers: Record<string, string> = {};
    for (const [name, header] of Object.entries(message.headers)) headers[name] = String(header.value);
    return { headers, payload: toUtf8(message.body) };
  }
}

// ---- The provider -----------------------------------------------------------------------------
