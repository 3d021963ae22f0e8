// The AWS event-stream framing of ConverseStream, buffered across chunk boundaries.
import { EventStreamCodec, type Message } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

/** Prelude (12) + message CRC (4). */
const MIN_FRAME_BYTES = 16;
/** AWS caps an event-stream message at 16 MiB (plus the prelude). */
const MAX_FRAME_BYTES = 16 * 1024 * 1024 + 16;

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

  /** Bytes of a frame not complete yet (non-zero at the end of a body means the stream was cut). */
  get pending(): number {
    return this.buffer.length;
  }

  /** Adds bytes; returns every frame completed by them. Throws EventStreamFramingError on corrupt data. */
  feed(bytes: Uint8Array): DecodedFrame[] {
    if (bytes.length > 0) {
      const joined = new Uint8Array(this.buffer.length + bytes.length);
      joined.set(this.buffer, 0);
      joined.set(bytes, this.buffer.length);
      this.buffer = joined;
    }
    const frames: DecodedFrame[] = [];
    while (this.buffer.length >= 4) {
      const total = new DataView(this.buffer.buffer, this.buffer.byteOffset, 4).getUint32(0, false);
      if (total < MIN_FRAME_BYTES || total > MAX_FRAME_BYTES) throw new EventStreamFramingError(`event-stream frame length ${total} is out of range`);
      if (this.buffer.length < total) break;
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
      frames.push({ headers, payload: toUtf8(message.body) });
    }
    return frames;
  }
}

// ---- The provider -----------------------------------------------------------------------------
