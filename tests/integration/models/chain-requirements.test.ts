import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { modelWith } from '../../fakes/model-capabilities';
import { createTestHost, type TestHost } from '../../helpers/host';

describe('a chain that requires capabilities', () => {
  let host: TestHost;
  let fake: FakeOpenAI;
  async function call<T>(method: string, input: unknown): Promise<T> {
    const reply = await dispatch(host.ctx, method as never, input as never);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result as T;
  }
  beforeEach(async () => {
    fake = await startFakeOpenAI(['gpt-4o-mini', 'gpt-4.1-nano']);
    host = await createTestHost({ env: { OPENAI_API_KEY: 'sk-test-chain-0123456789' } });
  });
  afterEach(async () => {
    await host.cleanup();
    await fake.close();
  });

  it('keeps the requirement and warns in the dry run about each model that lacks it or was never probed', async () => {
    const work = await call<{ id: string }>('profiles.create', { name: 'Work', providerKey: 'openai', baseUrl: fake.baseUrl });
    const spare = await call<{ id: string }>('profiles.create', { name: 'Spare', providerKey: 'openai', baseUrl: fake.baseUrl });
    const chain = await call<{ id: string; requires: string[] }>('chains.save', {
      name: 'Agents',
      targets: [
        { profileId: work.id, model: 'gpt-4o-mini' },
        { profileId: spare.id, model: 'gpt-4.1-nano' },
      ],
      requires: ['tools', 'vision'],
    });
    expect(chain.requires).toEqual(['tools', 'vision']);
    expect((await call<{ chains: Array<{ requires: string[] }> }>('chains.list', {})).chains[0]!.requires).toEqual(['tools', 'vision']);

    fake.onChat(modelWith(['tools', 'usage']));
    await call('capabilities.probe', { profileId: work.id, model: 'gpt-4o-mini' });

    const dry = await call<{ ok: boolean; capabilityWarnings: string[] }>('chains.dryRun', { chainId: chain.id, faults: [] });
    expect(dry.ok).toBe(true);
    expect(dry.capabilityWarnings).toEqual([
      expect.stringMatching(
        /^Target 1 \(Work · gpt-4o-mini\) lacks image input \(probed \d{4}-\d\d-\d\d: answered "I do not see an image\." for a red image\)\.$/,
      ),
      'Target 2 (Spare · gpt-4.1-nano) has not been probed for native tool calls, image input: probe it on the Providers page.',
    ]);

    // Once both have shown what the chain needs, the dry run has nothing to say.
    fake.onChat(modelWith(['tools', 'vision']));
    await call('capabilities.probe', { profileId: work.id, model: 'gpt-4o-mini' });
    await call('capabilities.probe', { profileId: spare.id, model: 'gpt-4.1-nano' });
    expect((await call<{ capabilityWarnings: string[] }>('chains.dryRun', { chainId: chain.id, faults: [] })).capabilityWarnings).toEqual(
      [],
    );
  });

  it('warns about nothing when the chain requires nothing', async () => {
    const work = await call<{ id: string }>('profiles.create', { name: 'Work', providerKey: 'openai', baseUrl: fake.baseUrl });
    const chain = await call<{ id: string; requires: string[] }>('chains.save', {
      name: 'Plain',
      targets: [{ profileId: work.id, model: 'gpt-4o-mini' }],
    });
    expect(chain.requires).toEqual([]);
    expect((await call<{ capabilityWarnings: string[] }>('chains.dryRun', { chainId: chain.id, faults: [] })).capabilityWarnings).toEqual(
      [],
    );
  });
});
