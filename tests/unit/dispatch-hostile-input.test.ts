import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, MAX_INPUT_DEPTH } from '../../electron/api/dispatch';
import { createTestHost, type TestHost } from '../helpers/host';

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = wrap(value);
  return value;
}

describe('dispatch under deeply nested input', () => {
  let host: TestHost;
  beforeEach(async () => {
    host = await createTestHost();
  });
  afterEach(async () => {
    await host.cleanup();
  });

  it.each([
    ['objects', (inner: unknown) => ({ a: inner })],
    ['arrays', (inner: unknown) => [inner]],
  ])('refuses options nested 5,000 deep in %s as invalid input, naming the limit', async (_kind, wrap) => {
    const envelope = await dispatch(host.ctx, 'profiles.create', {
      name: 'Deep',
      providerKey: 'openai',
      options: { deep: nested(5000, wrap) },
    });
    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: `Invalid input for profiles.create: it is nested more than ${MAX_INPUT_DEPTH} levels deep.`,
      },
    });
    expect(await dispatch(host.ctx, 'profiles.list', {})).toMatchObject({ ok: true, result: { profiles: [] } });
  });

  it('accepts ordinary nesting', async () => {
    const envelope = await dispatch(host.ctx, 'profiles.create', {
      name: 'Nested',
      providerKey: 'openai',
      options: { deep: nested(MAX_INPUT_DEPTH - 4, (inner) => ({ a: inner })) },
    });
    expect(envelope).toMatchObject({ ok: true, result: { name: 'Nested' } });
  });
});
