// The real browser-mode entry (electron/web/main.ts) in its own process, attacked the way a local
// process without the token could: it must answer every hostile socket and still be running.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../electron/web/server';
import { OPCODE, sendRawFrame, wsFrame } from '../helpers/raw-ws';
import { connectWs } from '../helpers/ws-client';

const root = path.resolve(import.meta.dirname, '../..');

describe('browser mode as a process', () => {
  let home: string;
  let child: ChildProcess;
  let output = '';
  let url: URL;

  beforeEach(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-web-proc-'));
    const staticDir = path.join(home, 'renderer');
    await mkdir(staticDir);
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Switchyard</title>');
    output = '';
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        path.join(root, 'tests/fakes/bin/stray-rejection.mjs'),
        path.join(root, 'electron/web/main.ts'),
        '--port',
        '0',
        '--static-dir',
        staticDir,
      ],
      {
        env: { PATH: process.env.PATH, HOME: home, SWITCHYARD_HOME: home, SWITCHYARD_KEYCHAIN_SERVICE: 'Switchyard-test-web-proc' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    url = await new Promise<URL>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Switchyard is running at (\S+)/.exec(output);
        if (match) resolve(new URL(match[1]!));
      });
      child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)));
    });
  });

  afterEach(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(home, { recursive: true, force: true });
  });

  async function ping(): Promise<unknown> {
    const token = url.hash.replace('#token=', '');
    const client = await connectWs(`ws://${url.host}/ws?token=${token}`);
    const envelope = await client.invoke('app.ping', { nonce: 'alive' });
    await client.close();
    return envelope;
  }

  it('survives hostile frames without the token and an oversized message with it, then serves a normal page', async () => {
    const port = Number(url.port);
    const frames = [
      wsFrame({ opcode: OPCODE.text, payload: Buffer.from([0xff, 0xfe]) }),
      wsFrame({ opcode: OPCODE.text, payload: Buffer.from('{}'), masked: false }),
      wsFrame({ opcode: OPCODE.reserved, payload: Buffer.from('x') }),
      wsFrame({ opcode: OPCODE.text, payload: Buffer.from('{'), declaredLength: MAX_MESSAGE_BYTES + 1 }),
    ];
    for (const frame of frames) await sendRawFrame(port, '/ws', frame);
    const token = url.hash.replace('#token=', '');
    const oversized = await sendRawFrame(
      port,
      `/ws?token=${token}`,
      wsFrame({ opcode: OPCODE.text, payload: Buffer.from('{'), declaredLength: 33 * 1024 * 1024 }),
    );
    expect(oversized.closeCode).toBe(1009);
    expect(await ping()).toMatchObject({ ok: true, result: { nonce: 'alive' } });
    expect(child.exitCode).toBeNull();
  });

  it('logs a promise failure nothing handled, scrubbed, and keeps serving', async () => {
    // Resolves when the line is logged, or when the process died instead.
    const logged = new Promise<void>((resolve) => {
      child.stderr!.on('data', () => output.includes('nothing handled it') && resolve());
      child.once('exit', () => resolve());
    });
    child.kill('SIGUSR2');
    await logged;
    expect(output).toContain('stray failure while using [REDACTED]');
    expect(output).not.toContain('sk-stray0123456789');
    expect(await ping()).toMatchObject({ ok: true, result: { nonce: 'alive' } });
    expect(child.exitCode).toBeNull();
  });
});
