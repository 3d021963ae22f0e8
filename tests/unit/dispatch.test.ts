import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { methods } from '../../shared/api';
import { dispatch } from '../../electron/api/dispatch';
import { handlers } from '../../electron/api/handlers';
import { AppError } from '../../electron/errors';
import { clearKnownSecrets, registerSecret } from '../../electron/secrets/redact';
import { createTestHost, type TestHost } from '../helpers/host';

describe('the API contract and dispatch', () => {
  let host: TestHost;
  beforeEach(async () => {
    host = await createTestHost();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    clearKnownSecrets();
    await host.cleanup();
  });

  it('has exactly one handler for every method of the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(methods).sort());
  });

  it('app.info reports the data folder, versions and transport', async () => {
    const envelope = await dispatch(host.ctx, 'app.info', {});
    expect(envelope).toMatchObject({
      ok: true,
      result: {
        name: 'Switchyard',
        version: '0.0.0-test',
        dataDir: host.dataDir,
        nodeVersion: process.versions.node,
        electronVersion: null,
        transport: 'websocket',
      },
    });
  });

  it('app.ping echoes the nonce', async () => {
    const envelope = await dispatch(host.ctx, 'app.ping', { nonce: 'abc' });
    expect(envelope).toMatchObject({ ok: true, result: { pong: true, nonce: 'abc' } });
  });

  it('app.openDataFolder says it cannot open a folder outside the desktop app', async () => {
    expect(await dispatch(host.ctx, 'app.openDataFolder', {})).toEqual({ ok: true, result: { opened: false, path: host.dataDir } });
  });

  it('refuses an unknown method by name', async () => {
    const envelope = await dispatch(host.ctx, 'app.selfDestruct', {});
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'unknown_method', message: 'There is no API method called "app.selfDestruct".' },
    });
  });

  it('refuses invalid input before the handler runs, naming the field', async () => {
    const spy = vi.spyOn(handlers, 'app.ping');
    const envelope = await dispatch(host.ctx, 'app.ping', { nonce: 42, extra: true });
    expect(spy).not.toHaveBeenCalled();
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('invalid_input');
    expect(envelope.error.message).toContain('nonce');
    expect(envelope.error.details?.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'nonce' })]));
  });

  it('passes an AppError through as {code, message, details} with secrets scrubbed', async () => {
    const secret = 'sk-live-4f9c2a7e1b3d5f6a8c9e0d1f2a3b4c5d';
    registerSecret(secret);
    vi.spyOn(handlers, 'app.ping').mockImplementation(() => {
      throw new AppError('auth', `The provider rejected ${secret}`, { body: `{"key":"${secret}"}` });
    });
    const envelope = await dispatch(host.ctx, 'app.ping', {});
    expect(JSON.stringify(envelope)).not.toContain(secret);
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'auth', message: 'The provider rejected [REDACTED]', details: { body: '{"key":"[REDACTED]"}' } },
    });
  });

  it('turns an unexpected exception into an internal error with no stack trace', async () => {
    vi.spyOn(handlers, 'app.ping').mockImplementation(() => {
      throw new TypeError('cannot read properties of undefined');
    });
    const envelope = await dispatch(host.ctx, 'app.ping', {});
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(Object.keys(envelope.error)).toEqual(['code', 'message']);
    expect(envelope.error.code).toBe('internal');
    expect(envelope.error.message).toContain('cannot read properties of undefined');
    expect(envelope.error.message).not.toMatch(/\n\s+at /);
  });

  it('strips result fields the contract does not declare', async () => {
    vi.spyOn(handlers, 'app.ping').mockImplementation(() => ({ pong: true as const, at: 1, apiKey: 'should-never-leave' }) as never);
    const envelope = await dispatch(host.ctx, 'app.ping', {});
    expect(envelope).toEqual({ ok: true, result: { pong: true, at: 1 } });
  });

  it('reports a result that breaks the contract as a host bug', async () => {
    vi.spyOn(handlers, 'app.ping').mockImplementation(() => ({ pong: 'yes' }) as never);
    const envelope = await dispatch(host.ctx, 'app.ping', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_result' } });
  });

  it('declares every input and result as a zod schema', () => {
    for (const [name, spec] of Object.entries(methods)) {
      expect(spec.input, name).toBeInstanceOf(z.ZodType);
      expect(spec.result, name).toBeInstanceOf(z.ZodType);
      expect(spec.summary.length, name).toBeGreaterThan(0);
    }
  });
});
