// "Test the key" in Add provider: the four stages run for a profile that is not saved yet, and
// nothing is kept (no profile, no last result, no key anywhere in what comes back).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { clearKnownSecrets } from '../../../electron/secrets/redact';
import { requireKey, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai';
import { createTestHost, type TestHost } from '../../helpers/host';

const GOOD = 'sk-draft-GOOD-0123456789abcdefghij';
const WRONG = 'sk-draft-WRONG-9876543210zyxwvutsr';

describe('connection.testDraft', () => {
  let host: TestHost;
  let fake: FakeOpenAI;
  beforeEach(async () => {
    host = await createTestHost();
    fake = await startFakeOpenAI(['gpt-fake', 'gpt-fake-mini']);
    requireKey(fake, GOOD);
  });
  afterEach(async () => {
    await fake.close();
    clearKnownSecrets();
    await host.cleanup();
  });

  const draft = (key: string) =>
    dispatch(host.ctx, 'connection.testDraft', {
      draftId: 'draft-1',
      providerKey: `custom:${fake.baseUrl}`,
      key,
      defaultModel: 'gpt-fake',
    });

  it('passes every stage with a good key, reports progress under the draft id, and saves nothing', async () => {
    const envelope = await draft(GOOD);
    expect(envelope.ok).toBe(true);
    const result = (
      envelope as {
        result: { ok: boolean; profileId: string; stages: Array<{ id: string; verdict: string; detail?: string }>; models: string[] };
      }
    ).result;
    expect(result.stages.map((s) => `${s.id}:${s.verdict}`)).toEqual(['connect:pass', 'auth:pass', 'models:pass', 'completion:pass']);
    expect(result.profileId).toBe('draft-1');
    expect(result.models).toEqual(['gpt-fake', 'gpt-fake-mini']);
    // The fake's root answers 404: reachable, said without calling it an answer.
    expect(result.stages[0]!.detail).toMatch(/^Reached 127\.0\.0\.1:\d+ \(its root page answers 404/);
    expect(host.events.some((e) => e.event === 'connection.progress' && (e.payload as { profileId: string }).profileId === 'draft-1')).toBe(
      true,
    );
    const listed = await dispatch(host.ctx, 'profiles.list', {});
    expect(listed).toMatchObject({ ok: true, result: { profiles: [] } });
  });

  it('fails the key stage with the 401 hint for a wrong key, without the key in the result', async () => {
    const envelope = await draft(WRONG);
    const result = (envelope as { result: { ok: boolean; stages: Array<{ id: string; verdict: string; hint?: string }> } }).result;
    expect(result.ok).toBe(false);
    expect(result.stages[1]).toMatchObject({ id: 'auth', verdict: 'fail', hint: expect.stringContaining('401: the key was rejected') });
    expect(JSON.stringify(envelope)).not.toContain(WRONG);
    expect(JSON.stringify(host.events)).not.toContain(WRONG);
  });
});
