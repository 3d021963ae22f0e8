// A WebSocket client that can break the protocol on purpose: it performs the upgrade over a raw
// TCP socket and then writes whatever bytes a test crafts (bad UTF-8, unmasked frames, reserved
// opcodes, lying length headers), which no well-behaved client library would send.
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export interface FrameOptions {
  opcode: number;
  payload?: Buffer;
  /** Clients must mask every frame (RFC 6455 §5.1); false sends the frame unmasked. */
  masked?: boolean;
  /** The length written in the header; defaults to the payload's length (a larger one lies). */
  declaredLength?: number;
}

/** One WebSocket frame as bytes (RFC 6455 §5.2). */
export function wsFrame({ opcode, payload = Buffer.alloc(0), masked = true, declaredLength = payload.length }: FrameOptions): Buffer {
  const head: number[] = [0x80 | opcode];
  const maskBit = masked ? 0x80 : 0;
  if (declaredLength < 126) head.push(maskBit | declaredLength);
  else if (declaredLength < 0x10000) head.push(maskBit | 126, declaredLength >> 8, declaredLength & 0xff);
  else {
    const length = Buffer.alloc(8);
    length.writeBigUInt64BE(BigInt(declaredLength));
    head.push(maskBit | 127, ...length);
  }
  if (!masked) return Buffer.concat([Buffer.from(head), payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]!));
  return Buffer.concat([Buffer.from(head), mask, body]);
}

export const OPCODE = { text: 0x1, binary: 0x2, reserved: 0x3 } as const;

export interface RawOutcome {
  /** The HTTP status line of the upgrade answer. */
  status: string;
  /** The close code of the server's close frame, when one arrived before the socket ended. */
  closeCode: number | null;
}

/**
 * Upgrades `path` on the server at `port`, sends `frame` as soon as the 101 arrives, and resolves
 * with what the server did once it has closed the socket.
 */
export function sendRawFrame(port: number, path: string, frame: Buffer): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let upgraded = false;
    let status = '';
    socket.on('connect', () => {
      socket.write(
        [
          `GET ${path} HTTP/1.1`,
          `Host: 127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          '',
          '',
        ].join('\r\n'),
      );
    });
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (upgraded) return;
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      status = received.subarray(0, received.indexOf('\r\n')).toString();
      received = received.subarray(end + 4);
      upgraded = true;
      // A peer that already closed may reset the connection; the outcome is read on 'close'.
      socket.write(frame, () => undefined);
    });
    // The server may reset the connection after a protocol error; that is a clean refusal too.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (!status) return reject(new Error('the server closed the connection before answering the upgrade'));
      resolve({ status, closeCode: firstCloseCode(received) });
    });
  });
}

/** Walks the server's (unmasked) frames and returns the code of the first close frame. */
function firstCloseCode(bytes: Buffer): number | null {
  let offset = 0;
  while (offset + 2 <= bytes.length) {
    const opcode = bytes[offset]! & 0x0f;
    let length = bytes[offset + 1]! & 0x7f;
    let start = offset + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === 0x8) return length >= 2 ? bytes.readUInt16BE(start) : 1005;
    offset = start + length;
  }
  return null;
}
