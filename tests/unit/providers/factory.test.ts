import { afterEach, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../electron/providers/catalog-data';
import { listProviders, resolveProviderKey, suggestProviders } from '../../../electron/providers/catalog';
import { familyFor } from '../../../electron/providers/families';
import { AnthropicProvider } from '../../../electron/providers/anthropic/anthropic';
import { BedrockProvider } from '../../../electron/providers/bedrock/bedrock';
import { OpenAICodexProvider } from '../../../electron/providers/openai-codex/openai-codex';
import { CopilotProvider } from '../../../electron/providers/copilot/copilot';
import { CliProvider } from '../../../electron/providers/cli/cli-provider';
import { CompatibleProvider } from '../../../electron/providers/openai-compatible/compatible';
import { GeminiProvider } from '../../../electron/providers/gemini/gemini';
import { checkKeyPrefix, createProvider, resolveCredential } from '../../../electron/providers/factory';
import { OllamaProvider } from '../../../electron/providers/ollama/ollama';
import { clearKnownSecrets, redactSecrets } from '../../../electron/secrets/redact';

const KEY = 'provider-test-credential';

describe('provider catalog and factory', () => {
  afterEach(() => clearKnownSecrets());

  it('lists every provider once, with unique names across keys and aliases', () => {
    const names = CATALOG.flatMap((entry) => [entry.key, ...entry.aliases, ...entry.hiddenAliases]);
    expect(new Set(names).size).toBe(names.length);
    expect(CATALOG.length).toBeGreaterThanOrEqual(63);
    const info = listProviders();
    expect(info.find((p) => p.key === 'ollama')).toMatchObject({ local: true, available: true, defaultBaseUrl: 'http://127.0.0.1:11434' });
    expect(info.find((p) => p.key === 'openai')).toMatchObject({
      envVars: ['OPENAI_API_KEY', 'SWITCHYARD_API_KEY', 'API_KEY', 'ZEROCLAW_API_KEY'],
      authKinds: ['bearer'],
    });
  });

  // Table-driven over the whole catalog: every key and alias resolves to its entry and base URL,
  // and constructs the right adapter, or fails with a clear "not available yet".
  for (const entry of CATALOG) {
    for (const name of [entry.key, ...entry.aliases, ...entry.hiddenAliases]) {
      it(`${name} → ${entry.key} (${entry.adapter})`, () => {
        const resolved = resolveProviderKey(name);
        expect(resolved.entry.key).toBe(entry.key);
        expect(resolved.baseUrl).toBe(entry.regions?.[name] ?? entry.baseUrl);
        if (!familyFor(entry.adapter)) {
          expect(() => createProvider(name, { credential: KEY, env: {} })).toThrow(/not available in this version/);
          return;
        }
        const provider = createProvider(name, { credential: KEY, env: {} });
        expect(provider.key).toBe(entry.key);
        if (entry.adapter === 'anthropic') {
          expect(provider).toBeInstanceOf(AnthropicProvider);
          expect((provider as AnthropicProvider).baseUrl).toBe(resolved.baseUrl);
        } else if (entry.adapter === 'openai-codex') {
          expect(provider).toBeInstanceOf(OpenAICodexProvider);
          expect((provider as OpenAICodexProvider).baseUrl).toBe(resolved.baseUrl);
        } else if (entry.adapter === 'bedrock') {
          expect(provider).toBeInstanceOf(BedrockProvider);
        } else if (entry.adapter === 'copilot') {
          expect(provider).toBeInstanceOf(CopilotProvider);
        } else if (entry.adapter === 'cli') {
          expect(provider).toBeInstanceOf(CliProvider);
        } else if (entry.adapter === 'gemini') {
          expect(provider).toBeInstanceOf(GeminiProvider);
          expect((provider as GeminiProvider).baseUrl).toBe(resolved.baseUrl);
        } else if (entry.adapter === 'ollama') {
          expect(provider).toBeInstanceOf(OllamaProvider);
          expect((provider as OllamaProvider).baseUrl).toBe('http://127.0.0.1:11434');
        } else {
          expect(provider).toBeInstanceOf(CompatibleProvider);
          expect((provider as CompatibleProvider).baseUrl).toBe(resolved.baseUrl);
        }
        expect(provider.capabilities()).toEqual(entry.capabilities);
      });
    }
  }

  it('maps regional aliases to their region', () => {
    expect(resolveProviderKey('moonshot').baseUrl).toBe('https://api.moonshot.cn/v1');
    expect(resolveProviderKey('kimi-intl').baseUrl).toBe('https://api.moonshot.ai/v1');
    expect(resolveProviderKey('qwen-us').baseUrl).toBe('https://dashscope-us.aliyuncs.com/compatible-mode/v1');
    expect(resolveProviderKey('minimaxi').baseUrl).toBe('https://api.minimaxi.com/v1');
    expect(resolveProviderKey('glm-cn').baseUrl).toBe('https://open.bigmodel.cn/api/paas/v4');
  });

  it("accepts custom: URLs and rejects bad ones with the seed's three messages", () => {
    expect(resolveProviderKey('custom:http://127.0.0.1:8080/v1/').baseUrl).toBe('http://127.0.0.1:8080/v1');
    expect(() => resolveProviderKey('custom:')).toThrow('Custom provider requires a URL. Format: custom:https://your-api.example/v1');
    expect(() => resolveProviderKey('custom:not-a-url')).toThrow('requires a valid URL');
    expect(() => resolveProviderKey('custom:ftp://example.com')).toThrow('requires an http:// or https:// URL');
    expect((createProvider('anthropic-custom:https://gateway.example/', { credential: KEY, env: {} }) as AnthropicProvider).baseUrl).toBe(
      'https://gateway.example',
    );
  });

  it('suggests the right name for a typo or the wrong case', () => {
    expect(suggestProviders('OpenAI')).toEqual(['openai']);
    expect(suggestProviders('opnai')).toContain('openai');
    expect(suggestProviders('ollamma')).toContain('ollama');
    expect(() => createProvider('opnai', { env: {} })).toThrow(/Unknown provider: "opnai". Did you mean "openai"/);
    expect(() => createProvider('', { env: {} })).toThrow(/Unknown provider/);
  });

  describe('credential resolution', () => {
    const openai = resolveProviderKey('openai').entry;
    const kimiCode = resolveProviderKey('kimi-code').entry;
    const lmstudio = resolveProviderKey('lmstudio').entry;

    it("uses the profile's own key before any env var (the seed let OPENAI_API_KEY win)", () => {
      expect(resolveCredential(openai, ' typed-key ', { OPENAI_API_KEY: 'env-key' })).toEqual({
        value: 'typed-key',
        source: { kind: 'explicit' },
      });
    });

    it("then the provider's env vars in order, then SWITCHYARD_API_KEY, then API_KEY", () => {
      expect(resolveCredential(kimiCode, undefined, { MOONSHOT_API_KEY: 'm', KIMI_CODE_API_KEY: 'k', API_KEY: 'g' }).value).toBe('k');
      expect(resolveCredential(kimiCode, undefined, { MOONSHOT_API_KEY: 'm', API_KEY: 'g' }).value).toBe('m');
      expect(resolveCredential(openai, '  ', { SWITCHYARD_API_KEY: 's', API_KEY: 'g' })).toEqual({
        value: 's',
        source: { kind: 'env', name: 'SWITCHYARD_API_KEY' },
      });
      expect(resolveCredential(openai, undefined, { API_KEY: 'g', OPENAI_API_KEY: '  ' })).toEqual({
        value: 'g',
        source: { kind: 'env', name: 'API_KEY' },
      });
      expect(resolveCredential(openai, undefined, {})).toEqual({ source: { kind: 'none' } });
    });

    it('gives local servers their default key and never a generic cloud key', () => {
      expect(resolveCredential(lmstudio, undefined, { API_KEY: 'cloud-key' })).toEqual({ value: 'lm-studio', source: { kind: 'default' } });
    });
  });

  describe('key-prefix check', () => {
    it('stops a key pasted into the wrong provider, showing only its first characters', () => {
      const message = checkKeyPrefix('anthropic', 'sk-proj-abcdefghijklmnop');
      expect(message).toContain('looks like a openai key');
      expect(message).not.toContain('abcdefghijklmnop');
      expect(checkKeyPrefix('openai', 'sk-ant-api03-xyz')).toContain('anthropic');
      expect(checkKeyPrefix('openai', 'sk-proj-123')).toBeNull();
      expect(checkKeyPrefix('mistral', 'sk-proj-123')).toBeNull();
      expect(() => createProvider('openrouter', { credential: 'sk-proj-abcdef123456', env: {} })).toThrow(/looks like a openai key/);
    });

    it('is skipped for custom URLs and base-URL overrides', () => {
      expect(() => createProvider('custom:http://127.0.0.1:9/v1', { credential: 'sk-ant-api03-xyz', env: {} })).not.toThrow();
      expect(() => createProvider('openai', { credential: 'sk-ant-api03-xyz', baseUrl: 'http://127.0.0.1:9/v1', env: {} })).not.toThrow();
    });
  });

  it('remembers every credential it sees, so errors can never show it', () => {
    createProvider('mistral', { credential: 'mistral-secret-value-123', env: {} });
    createProvider('groq', { env: { GROQ_API_KEY: 'groq-env-secret-456' } });
    expect(redactSecrets('echo mistral-secret-value-123 and groq-env-secret-456')).toBe('echo [REDACTED] and [REDACTED]');
  });
});
