// A shared configuration file is held to exactly the rules of profiles.create and profiles.update
// (one schema): what the form refuses, an import refuses too, with every problem listed and
// nothing changed.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { EXPORT_FORMAT } from '../../../electron/services/config-export';
import { createTestHost, type TestHost } from '../../helpers/host';
import { savedProfile } from '../../helpers/saved-profile';

const profile = (fields: Record<string, unknown>, i = 0) => savedProfile(`p${i}`, `Profile ${i}`, 'openai', fields);
const file = (body: Record<string, unknown>) => JSON.stringify({ format: EXPORT_FORMAT, version: 1, ...body });

describe('importing a hostile configuration file', () => {
  let host: TestHost;
  beforeEach(async () => {
    host = await createTestHost();
    await dispatch(host.ctx, 'profiles.create', { name: 'Mine', providerKey: 'groq' });
  });
  afterEach(() => host.cleanup());

  async function importProblems(content: string): Promise<string[]> {
    const before = await readFile(path.join(host.dataDir, 'config.json'), 'utf8');
    const result = await dispatch(host.ctx, 'config.import', { content });
    expect(result.ok).toBe(false);
    const error = (result as { error: { code: string; message: string; details?: { problems: string[] } } }).error;
    expect(error.code).toBe('invalid_import');
    expect(await readFile(path.join(host.dataDir, 'config.json'), 'utf8')).toBe(before);
    return error.details!.problems;
  }

  async function createProblem(fields: Record<string, unknown>): Promise<string> {
    const result = await dispatch(host.ctx, 'profiles.create', { name: 'Form', providerKey: 'openai', ...fields });
    expect(result.ok).toBe(false);
    return (result as { error: { message: string } }).error.message;
  }

  const hostile: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a file: URL', { baseUrl: 'file:///etc/passwd' }, /http:\/\/ or https:\/\//],
    ['a javascript: URL', { baseUrl: 'javascript:alert(1)' }, /http:\/\/ or https:\/\//],
    ['a 10 MB name', { name: 'x'.repeat(10_000_000) }, /name/],
    ['a 10 MB model', { defaultModel: 'm'.repeat(10_000_000) }, /defaultModel/],
    ['CR/LF in a header name', { extraHeaders: { 'X-A\r\nInjected': 'v' } }, /Header names may use letters, digits and dashes/],
    ['CR/LF in a header value', { extraHeaders: { 'X-Team': 'ml\r\nAuthorization: Bearer stolen' } }, /line breaks/],
    [
      '51 headers',
      { extraHeaders: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`X-H${i}`, 'v'])) },
      /At most 50 extra headers/,
    ],
    ['a huge options object', { options: { blob: 'o'.repeat(70_000) } }, /too large/],
  ];

  for (const [what, fields, message] of hostile) {
    it(`refuses ${what}, as profiles.create does`, async () => {
      const problems = await importProblems(file({ profiles: [profile(fields)] }));
      expect(problems.join('\n')).toMatch(message);
      expect(await createProblem(fields)).toMatch(message);
    });
  }

  it('refuses a provider key that hides a non-http URL', async () => {
    expect((await importProblems(file({ profiles: [profile({ providerKey: 'custom:javascript:alert(1)' })] }))).join('\n')).toMatch(
      /http:\/\/ or https:\/\//,
    );
  });

  it('refuses 5,000 profiles, and lists at most 20 problems of a file full of them', async () => {
    expect((await importProblems(file({ profiles: Array.from({ length: 5_000 }, (_, i) => profile({}, i)) }))).join('\n')).toMatch(
      /At most 500 profiles/,
    );
    const many = await importProblems(file({ profiles: Array.from({ length: 300 }, (_, i) => profile({ baseUrl: 'file:///x' }, i)) }));
    expect(many).toHaveLength(21);
    expect(many.at(-1)).toBe('…and 280 more');
  });

  it('refuses a proxy that is not an http(s) URL', async () => {
    expect(
      (
        await importProblems(file({ settings: { theme: 'dark', proxyUrl: 'file:///tmp/socket', allowInMemoryKeys: false, prices: {} } }))
      ).join('\n'),
    ).toMatch(/settings\.proxyUrl: Use an http:\/\/ or https:\/\//);
  });

  it('ignores a key binding carried in the file: only this machine says where keys may go', async () => {
    const result = await dispatch(host.ctx, 'config.import', {
      content: file({ profiles: [profile({ keyBinding: { provider: 'openai', origin: 'https://evil.example', proxy: '' } })] }),
    });
    expect(result.ok).toBe(true);
    expect(await readFile(path.join(host.dataDir, 'config.json'), 'utf8')).not.toContain('evil.example');
  });
});
