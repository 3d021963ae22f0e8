// Where a provider's key comes from (seed-core.md §1.3), including the seed's own variable names,
// the custom endpoints' generic key, and the sign-in placeholders that are never sent.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listProviders, resolveProviderKey } from '../../../electron/providers/catalog';
import { CompatibleProvider } from '../../../electron/providers/openai-compatible/compatible';
import { MACHINE_SIGN_INS } from '../../../electron/auth/sign-ins';
import { createProvider, resolveCredential } from '../../../electron/providers/factory';
import { minimaxRegion, minimaxTokenUrl } from '../../../electron/auth/minimax/oauth';
import { type OllamaProvider } from '../../../electron/providers/ollama/ollama';
import { type OpenAICodexProvider } from '../../../electron/providers/openai-codex/openai-codex';
import { normalizeResourceUrl } from '../../../electron/auth/qwen-code/oauth';
import { seedExtraHeaders } from '../../../electron/providers/core/seed-env';
import { SignedInProvider } from '../../../electron/providers/signed-in';

const entry = (name: string) => resolveProviderKey(name).entry;

describe('credential resolution', () => {
  let home: string | undefined;
  afterEach(async () => {
    if (home) await rm(home, { recursive: true, force: true });
    home = undefined;
  });

  it('gives custom: and anthropic-custom: endpoints the generic key, loopback URLs included', () => {
    for (const name of [
      'custom:http://127.0.0.1:4000/v1',
      'custom:http://localhost:8000/v1',
      'custom:https://gateway.example/v1',
      'anthropic-custom:http://127.0.0.1:4000',
    ]) {
      expect([name, resolveCredential(entry(name), undefined, { API_KEY: 'generic' })]).toEqual([
        name,
        { value: 'generic', source: { kind: 'env', name: 'API_KEY' } },
      ]);
    }
  });

  it("reads SWITCHYARD_API_KEY, then API_KEY, then the seed's ZEROCLAW_API_KEY", () => {
    const custom = entry('custom:http://127.0.0.1:4000/v1');
    expect(resolveCredential(custom, undefined, { ZEROCLAW_API_KEY: 'z', API_KEY: 'a', SWITCHYARD_API_KEY: 's' }).value).toBe('s');
    expect(resolveCredential(custom, undefined, { ZEROCLAW_API_KEY: 'z', API_KEY: 'a' }).value).toBe('a');
    expect(resolveCredential(custom, undefined, { ZEROCLAW_API_KEY: 'z' })).toEqual({
      value: 'z',
      source: { kind: 'env', name: 'ZEROCLAW_API_KEY' },
    });
    expect(resolveCredential(entry('mistral'), undefined, { ZEROCLAW_API_KEY: 'z', MISTRAL_API_KEY: 'm' }).value).toBe('m');
    // Local servers of the catalog still take their own default, never a stray cloud key.
    expect(resolveCredential(entry('lmstudio'), undefined, { ZEROCLAW_API_KEY: 'z' }).source.kind).toBe('default');
  });

  it("lists the env vars each provider reads, the seed's names after ours", () => {
    const byKey = new Map(listProviders().map((p) => [p.key, p.envVars]));
    expect(byKey.get('groq')).toEqual(['GROQ_API_KEY', 'SWITCHYARD_API_KEY', 'API_KEY', 'ZEROCLAW_API_KEY']);
    expect(byKey.get('minimax')).toEqual([
      'MINIMAX_OAUTH_TOKEN',
      'MINIMAX_API_KEY',
      'MINIMAX_OAUTH_REFRESH_TOKEN',
      'MINIMAX_OAUTH_REGION',
      'MINIMAX_OAUTH_CLIENT_ID',
      'SWITCHYARD_API_KEY',
      'API_KEY',
      'ZEROCLAW_API_KEY',
    ]);
    // Qwen Code's sign-in never takes a generic key (seed §1.4.2).
    expect(byKey.get('qwen-code')).not.toContain('API_KEY');
  });

  describe('MiniMax OAuth placeholder (seed §1.3 tests)', () => {
    const minimax = entry('minimax');
    it('is never a key: MINIMAX_OAUTH_TOKEN wins, then MINIMAX_API_KEY', () => {
      expect(resolveCredential(minimax, 'minimax-oauth', { MINIMAX_OAUTH_TOKEN: 'tok', MINIMAX_API_KEY: 'key' }).value).toBe('tok');
      expect(resolveCredential(minimax, 'MINIMAX-OAUTH', { MINIMAX_API_KEY: 'key' }).value).toBe('key');
    });
    it('then the refresh token sign-in', () => {
      expect(resolveCredential(minimax, 'minimax-oauth-cn', { MINIMAX_OAUTH_REFRESH_TOKEN: 'r', API_KEY: 'generic' }).source).toEqual({
        kind: 'sign-in',
        label: 'MiniMax OAuth (MINIMAX_OAUTH_REFRESH_TOKEN)',
      });
    });
    it('with nothing set resolves to no key, not the generic one, and the request never carries the placeholder', async () => {
      expect(resolveCredential(minimax, 'minimax-oauth', { API_KEY: 'generic-key' })).toEqual({ source: { kind: 'none' } });
      const provider = createProvider('minimax', {
        credential: 'minimax-oauth',
        env: { API_KEY: 'generic-key' },
        signIns: MACHINE_SIGN_INS,
      });
      await expect(provider.chat({ model: 'MiniMax-M2', messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow(
        /MiniMax API key not set.*MINIMAX_OAUTH_TOKEN \/ MINIMAX_API_KEY \/ MINIMAX_OAUTH_REFRESH_TOKEN/,
      );
    });
    it('without the placeholder, the refresh comes before the generic key', () => {
      expect(resolveCredential(minimax, undefined, { MINIMAX_OAUTH_REFRESH_TOKEN: 'r', API_KEY: 'g' }).source.kind).toBe('sign-in');
      expect(resolveCredential(minimax, undefined, { API_KEY: 'g' }).value).toBe('g');
    });
    it('picks the region from MINIMAX_OAUTH_REGION, else the provider name or the placeholder', () => {
      expect(minimaxRegion(['minimax'], {})).toBe('global');
      expect(minimaxRegion(['minimaxi'], {})).toBe('cn');
      expect(minimaxRegion(['minimax', 'minimax-oauth-cn'], {})).toBe('cn');
      expect(minimaxRegion(['minimax-cn'], { MINIMAX_OAUTH_REGION: 'International' })).toBe('global');
      expect(minimaxTokenUrl('cn', {})).toBe('https://api.minimaxi.com/oauth/token');
      expect(minimaxTokenUrl('global', {})).toBe('https://api.minimax.io/oauth/token');
    });
  });

  describe('Qwen Code OAuth (seed §1.4.2 tests)', () => {
    const qwen = entry('qwen-code');
    it('an explicit token wins and is sent as it is', () => {
      expect(resolveCredential(qwen, ' explicit-token ', { QWEN_OAUTH_TOKEN: 'env' }).value).toBe('explicit-token');
      expect(createProvider('qwen-code', { credential: 'explicit-token', env: {} })).toBeInstanceOf(CompatibleProvider);
    });
    it('the placeholder never uses DASHSCOPE_API_KEY; without it, DashScope is the last resort', async () => {
      home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-qwen-'));
      expect(resolveCredential(qwen, 'qwen-oauth', { HOME: home, DASHSCOPE_API_KEY: 'dash' })).toEqual({ source: { kind: 'none' } });
      expect(resolveCredential(qwen, undefined, { HOME: home, DASHSCOPE_API_KEY: 'dash' }).value).toBe('dash');
      expect(resolveCredential(qwen, undefined, { HOME: home, API_KEY: 'generic' })).toEqual({ source: { kind: 'none' } });
    });
    it("the CLI's credentials file or QWEN_OAUTH_TOKEN make it a sign-in, before DASHSCOPE_API_KEY", async () => {
      home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-qwen-'));
      expect(resolveCredential(qwen, undefined, { HOME: home, QWEN_OAUTH_TOKEN: 't', DASHSCOPE_API_KEY: 'dash' }).source).toEqual({
        kind: 'sign-in',
        label: 'Qwen Code sign-in (QWEN_OAUTH_TOKEN)',
      });
      await mkdir(path.join(home, '.qwen'));
      await writeFile(path.join(home, '.qwen', 'oauth_creds.json'), '{}');
      const provider = createProvider('qwen-oauth', { env: { HOME: home, DASHSCOPE_API_KEY: 'dash' }, signIns: MACHINE_SIGN_INS });
      expect(provider).toBeInstanceOf(SignedInProvider);
      expect(provider.signIn).toBe('Qwen Code sign-in (~/.qwen/oauth_creds.json)');
    });
    it('normalises resource_url to an https …/v1 base', () => {
      expect(normalizeResourceUrl('coding-intl.dashscope.aliyuncs.com')).toBe('https://coding-intl.dashscope.aliyuncs.com/v1');
      expect(normalizeResourceUrl('https://resource.example.com/')).toBe('https://resource.example.com/v1');
      expect(normalizeResourceUrl('https://portal.qwen.ai/v1')).toBe('https://portal.qwen.ai/v1');
      expect(normalizeResourceUrl('  ')).toBeUndefined();
    });
  });

  describe("the seed's other variables, after ours", () => {
    it('ZEROCLAW_PROVIDER_URL points Ollama elsewhere unless OLLAMA_HOST or the profile says otherwise', () => {
      const url = 'http://10.100.2.32:11434';
      expect((createProvider('ollama', { env: { ZEROCLAW_PROVIDER_URL: url } }) as OllamaProvider).baseUrl).toBe(url);
      expect(
        (createProvider('ollama', { env: { ZEROCLAW_PROVIDER_URL: url, OLLAMA_HOST: '127.0.0.1:9999' } }) as OllamaProvider).baseUrl,
      ).toBe('http://127.0.0.1:9999');
      expect(
        (createProvider('ollama', { baseUrl: 'http://127.0.0.1:7777', env: { ZEROCLAW_PROVIDER_URL: url } }) as OllamaProvider).baseUrl,
      ).toBe('http://127.0.0.1:7777');
    });
    it('ZEROCLAW_CODEX_RESPONSES_URL, then ZEROCLAW_CODEX_BASE_URL, move the Codex endpoint', () => {
      const codex = (env: NodeJS.ProcessEnv, baseUrl?: string) =>
        (createProvider('openai-codex', { env, baseUrl }) as OpenAICodexProvider).baseUrl;
      expect(codex({ ZEROCLAW_CODEX_BASE_URL: 'https://proxy.example.com/v1' })).toBe('https://proxy.example.com/v1/responses');
      expect(
        codex({ ZEROCLAW_CODEX_RESPONSES_URL: 'https://a.example.com/responses', ZEROCLAW_CODEX_BASE_URL: 'https://b.example.com/v1' }),
      ).toBe('https://a.example.com/responses');
      expect(codex({ ZEROCLAW_CODEX_BASE_URL: 'https://b.example.com/v1' }, 'https://mine.example.com/v1')).toBe(
        'https://mine.example.com/v1/responses',
      );
    });
    it('ZEROCLAW_EXTRA_HEADERS parses "Key:Value,Key2:Value2" and skips what HTTP forbids', () => {
      expect(seedExtraHeaders({ ZEROCLAW_EXTRA_HEADERS: 'X-Team: blue, X-Trace:a:b,bad header:x,:novalue,Empty:' })).toEqual({
        'x-team': 'blue',
        'x-trace': 'a:b',
      });
    });
  });
});
