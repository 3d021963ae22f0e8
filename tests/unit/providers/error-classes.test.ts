// How failures are classed when the chain must decide: retry, move on, or rotate the key. The
// seed's tables (seed-core.md §9 "Classification tables", "Rate limits") are the spec.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/errors';
import { classifyError, errorHint, isQuotaError, ProviderError, statusInText } from '../../../electron/http/errors';

describe('error classes', () => {
  it('classes statusless texts as the seed does', () => {
    const table: Array<[string, string]> = [
      ['403 Forbidden', 'auth'],
      ['HTTP 401', 'auth'],
      ['400 Bad Request: invalid api key provided', 'auth'],
      ['invalid api key provided', 'auth'],
      ['authentication failed', 'auth'],
      ['Forbidden: this organisation cannot use the model', 'auth'],
      ['model glm-4.7 not found', 'not_found'],
      ['unsupported model: glm-4.7', 'not_found'],
      ['The model `gpt-9` does not exist', 'not_found'],
      ['status 404', 'not_found'],
      ['request failed with status code 400', 'bad_request'],
      ['429 Too Many Requests', 'rate_limit'],
      ['HTTP 429 rate limit exceeded', 'rate_limit'],
      ['408 Request Timeout', 'timeout'],
      ['connection reset', 'unknown'],
      ['model overloaded, try again later', 'unknown'],
      ['request (8968 tokens) exceeds the available context size (8448 tokens)', 'context_window'],
    ];
    for (const [text, expected] of table) expect([text, classifyError(new Error(text))]).toEqual([text, expected]);
  });

  it('does not read any number from 400 to 499 as a status (the seed read "(450 tokens)" as one)', () => {
    expect(statusInText('the prompt has 450 tokens')).toBeUndefined();
    expect(statusInText('error (404): gone')).toBe(404);
    expect(statusInText('403 Forbidden')).toBe(403);
    expect(classifyError(new Error('retry later: 450 tokens queued'))).toBe('unknown');
  });

  it('sharpens a statusless adapter error by its text, but keeps a status-bearing or chain error as it is', () => {
    const cli = new ProviderError('Claude Code exited with 1. Stderr: 403 Forbidden', { provider: 'Claude Code', errorClass: 'server' });
    expect(classifyError(cli)).toBe('auth');
    const midStream = new ProviderError('Mistral reported an error mid-stream: model mistral-huge not found', {
      provider: 'Mistral',
      errorClass: 'server',
    });
    expect(classifyError(midStream)).toBe('not_found');
    const http = new ProviderError('OpenAI API error (503 Service Unavailable): model not found upstream', {
      provider: 'OpenAI',
      errorClass: 'server',
      status: 503,
    });
    expect(classifyError(http)).toBe('server');
    const chain = new ProviderError('All providers/models failed. Attempts:\n1. A · m: auth — 401', {
      provider: 'chain',
      errorClass: 'server',
    });
    chain.attempts = [];
    expect(classifyError(chain)).toBe('server');
  });

  it("knows the 429s that waiting cannot fix, Z.AI's business codes included", () => {
    for (const text of [
      'insufficient_quota',
      'You exceeded your current quota, insufficient quota',
      'no available package',
      'Your plan does not include this model',
      '{"code":1113}',
      'error code 1311',
      'package not active',
      'out of credits',
    ]) {
      expect([text, isQuotaError(text)]).toEqual([text, true]);
    }
    for (const text of ['429 Too Many Requests', 'rate limit exceeded, retry after 3 s', 'code 11130'])
      expect([text, isQuotaError(text)]).toEqual([text, false]);
    const quota = new ProviderError('Z.AI API error (429 Too Many Requests): 余额不足 (1113)', {
      provider: 'Z.AI',
      errorClass: 'rate_limit',
      status: 429,
    });
    expect(errorHint(quota)).toMatch(/waiting will not help/);
  });
});

describe('hints for requests stopped before they were sent', () => {
  it('says what to do for a locked keyring, keys on hold and a missing key, not "something unexpected"', () => {
    expect(errorHint(new AppError('keychain_locked', 'Your keyring is locked.'))).toMatch(/^Unlock your keyring/);
    expect(errorHint(new AppError('keys_on_hold', 'The keys are on hold.'))).toMatch(/Confirm the profile's new endpoint/);
    expect(errorHint(new AppError('key_missing', 'The key is gone.'))).toMatch(/Paste the key again/);
    expect(errorHint(new AppError('keychain_locked', 'x'))).not.toMatch(/unexpected/i);
  });
});
