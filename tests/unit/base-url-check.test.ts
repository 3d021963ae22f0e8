import { describe, expect, it } from 'vitest';
import { checkBaseUrl } from '../../shared/base-url-check';

describe('base URL check', () => {
  it('accepts a proper OpenAI-compatible base URL', () => {
    expect(checkBaseUrl('https://api.example.com/v1', 'compatible')).toEqual([]);
    expect(checkBaseUrl('http://127.0.0.1:8080/v1', 'compatible')).toEqual([]);
  });
  it('catches the usual mistakes and offers the fix', () => {
    expect(checkBaseUrl('https://api.example.com', 'compatible')[0]).toMatchObject({ suggestion: 'https://api.example.com/v1' });
    expect(checkBaseUrl('https://api.example.com/v1/', 'openai')[0]).toMatchObject({ suggestion: 'https://api.example.com/v1' });
    expect(checkBaseUrl('https://api.example.com/v1/chat/completions', 'compatible')[0]).toMatchObject({
      suggestion: 'https://api.example.com/v1',
    });
    expect(
      checkBaseUrl('https://api.anthropic.com/v1', 'compatible').some((a) => a.level === 'error' && /Anthropic URL/.test(a.message)),
    ).toBe(true);
    expect(checkBaseUrl('http://gpu-box:11434/v1', 'ollama').some((a) => a.suggestion === 'http://gpu-box:11434')).toBe(true);
    expect(checkBaseUrl('http://gpu.example.com/v1', 'compatible').some((a) => /unencrypted/.test(a.message))).toBe(true);
    expect(checkBaseUrl('api.example.com', 'compatible')[0]!.level).toBe('error');
  });
});
