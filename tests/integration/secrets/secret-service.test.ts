// The Secret Service probe must fail cleanly, never hang a command, when the bus does not answer.
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeytarStore } from '../../../electron/secrets/keychain';
import { keyringState } from '../../../electron/secrets/secret-service';

describe('Secret Service probe', () => {
  let dir: string;
  let silent: net.Server;
  let address: string;
  let closed: Promise<void>;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-dbus-'));
    // A "bus" that accepts connections and never says a word.
    let onClose: () => void;
    closed = new Promise((resolve) => (onClose = resolve));
    silent = net.createServer((socket) => {
      socket.resume();
      socket.on('close', () => onClose());
    });
    const socket = path.join(dir, 'bus');
    await new Promise<void>((resolve) => silent.listen(socket, resolve));
    address = `unix:path=${socket}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => silent.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('gives up on a bus that does not answer, and closes the connection', async () => {
    await expect(keyringState('Switchyard-test', { DBUS_SESSION_BUS_ADDRESS: address }, 300)).rejects.toThrow(/no answer within 0.3 s/);
    await closed;
  });

  it('reports no D-Bus at all as "keychain_unavailable" on the keyring check', async () => {
    const store = new KeytarStore('Switchyard-test', 300, {}, 'linux');
    await expect(store.check()).rejects.toMatchObject({
      code: 'keychain_unavailable',
      message: expect.stringContaining('no D-Bus session bus'),
    });
  });
});
