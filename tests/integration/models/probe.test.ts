import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import type { CapabilityResult, ProbeEstimate, ProbeRecord } from '../../../shared/api/models';
import { errorReply, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { modelWith } from '../../fakes/model-capabilities';
import { createTestHost, type TestHost } from '../../helpers/host';

describe('capability probe against loopback models', () => {
  let host: TestHost;
  let fake: FakeOpenAI;
  let profileId: string;

  async function call<T>(method: string, input: unknown): Promise<T> {
    const reply = await dispatch(host.ctx, method as never, input as never);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result as T;
  }
  const verdicts = (record: ProbeRecord) => Object.fromEntries(record.results.map((r: CapabilityResult) => [r.capability, r.verdict]));

  beforeEach(async () => {
    fake = await startFakeOpenAI(['gpt-4o-mini']);
    host = await createTestHost({ env: { OPENAI_API_KEY: 'sk-test-probe-0123456789' } });
    profileId = (await call<{ id: string }>('profiles.create', { name: 'Fake OpenAI', providerKey: 'openai', baseUrl: fake.baseUrl })).id;
  });
  afterEach(async () => {
    await host.cleanup();
    await fake.close();
  });

  it('records yes for every capability a model has, with what it did, and keeps it in capabilities.json', async () => {
    fake.onChat(modelWith(['tools', 'vision', 'json', 'reasoning', 'usage']));
    const record = await call<ProbeRecord>('capabilities.probe', { profileId, model: 'gpt-4o-mini' });
    expect(verdicts(record)).toEqual({ tools: 'yes', vision: 'yes', json: 'yes', reasoning: 'yes', usage: 'yes' });
    expect(record.results.find((r) => r.capability === 'tools')!.detail).toBe('called probe_time');
    expect(record.results.find((r) => r.capability === 'usage')!.detail).toBe('the stream reported 12 in / 3 out tokens');

    // What was sent: the tools field natively, the image as a data URI, JSON mode, small caps.
    const sent = fake.requests
      .filter((r) => r.path === '/v1/chat/completions')
      .map((r) => r.body as { tools?: unknown[]; response_format?: unknown; max_tokens?: number; stream?: boolean });
    expect(sent).toHaveLength(5);
    expect(sent.every((b) => b.stream === true && (b.max_tokens ?? Infinity) <= 1024)).toBe(true);
    expect(sent.filter((b) => b.tools).length).toBe(1);
    expect(sent.filter((b) => b.response_format).map((b) => b.response_format)).toEqual([{ type: 'json_object' }]);

    // Kept on disk per profile and model with the date, and announced.
    const onDisk = JSON.parse(await readFile(path.join(host.dataDir, 'capabilities.json'), 'utf8')) as { records: ProbeRecord[] };
    expect(onDisk.records).toEqual([record]);
    expect(record.at).toBeGreaterThan(0);
    expect(host.events.some((e) => e.event === 'capabilities.changed')).toBe(true);
    expect((await call<{ records: ProbeRecord[] }>('capabilities.list', {})).records).toEqual([record]);
  });

  it('records no, with what the model did instead, for a model that has none of them', async () => {
    fake.onChat(modelWith([]));
    const record = await call<ProbeRecord>('capabilities.probe', { profileId, model: 'gpt-4o-mini' });
    expect(verdicts(record)).toEqual({ tools: 'no', vision: 'no', json: 'no', reasoning: 'no', usage: 'no' });
    const detail = Object.fromEntries(record.results.map((r) => [r.capability, r.detail]));
    expect(detail.tools).toMatch(/^refused: HTTP 400: .*does not support tools/);
    expect(detail.vision).toBe('answered "I do not see an image." for a red image');
    expect(detail.json).toBe('answered "Sure! Here it is: {"ok": true}", not a bare JSON object');
    expect(detail.reasoning).toBe('answered without reasoning');
    expect(detail.usage).toBe('the stream carried no token counts');
    // The refused tools request was not retried with the tools written into the prompt.
    expect(fake.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(5);
  });

  it('tells each capability apart: a model with only some of them gets yes for those alone', async () => {
    fake.onChat(modelWith(['vision', 'usage']));
    expect(verdicts(await call<ProbeRecord>('capabilities.probe', { profileId, model: 'gpt-4o-mini' }))).toEqual({
      tools: 'no',
      vision: 'yes',
      json: 'no',
      reasoning: 'no',
      usage: 'yes',
    });
    fake.onChat(modelWith(['tools', 'json', 'reasoning']));
    const second = await call<ProbeRecord>('capabilities.probe', { profileId, model: 'gpt-4o-mini' });
    expect(verdicts(second)).toEqual({ tools: 'yes', vision: 'no', json: 'yes', reasoning: 'yes', usage: 'no' });
    // The later probe replaces the earlier record for the same profile and model.
    expect((await call<{ records: ProbeRecord[] }>('capabilities.list', {})).records).toEqual([second]);
  });

  it('says it could not tell when the provider fails for another reason', async () => {
    fake.onChat(errorReply(503, 'overloaded'));
    const record = await call<ProbeRecord>('capabilities.probe', { profileId, model: 'gpt-4o-mini' });
    expect(new Set(record.results.map((r) => r.verdict))).toEqual(new Set(['error']));
    expect(record.results[0]!.detail).toMatch(/^could not tell: HTTP 503/);
  });

  it('shows what a probe will cost before it runs: tokens counted with the tokenizer, priced from the dataset', async () => {
    const estimate = await call<ProbeEstimate>('capabilities.estimate', { profileId, model: 'gpt-4o-mini' });
    expect(estimate.requests).toBe(5);
    expect(estimate.maxOutputTokens).toBe(64 + 16 + 32 + 1024 + 8);
    expect(estimate.inputTokens).toBeGreaterThan(800);
    expect(estimate.inputTokens).toBeLessThan(1_200);
    expect(estimate.priceSource).toEqual({ kind: 'dataset', label: 'genai-prices 0.1.8' });
    expect(estimate.costUsd).toBeCloseTo((estimate.inputTokens * 0.15 + estimate.maxOutputTokens * 0.6) / 1e6, 12);
    // Nothing was sent to estimate it.
    expect(fake.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(0);
  });

  it('probes every profile with a chosen model and says which it skipped', async () => {
    fake.onChat(modelWith(['usage']));
    await call('profiles.update', { id: profileId, patch: { defaultModel: 'gpt-4o-mini' } });
    const other = await call<{ id: string }>('profiles.create', { name: 'No model yet', providerKey: 'openai', baseUrl: fake.baseUrl });
    const all = await call<{ records: ProbeRecord[]; skipped: Array<{ profileId: string; reason: string }> }>('capabilities.probeAll', {});
    expect(all.records.map((r) => [r.profileId, r.model])).toEqual([[profileId, 'gpt-4o-mini']]);
    expect(all.skipped).toEqual([{ profileId: other.id, reason: expect.stringMatching(/No model chosen yet/) }]);
  });
});
