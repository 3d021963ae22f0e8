import { describe, expect, it } from 'vitest';
import { BedrockProvider } from '../../../electron/providers/bedrock/bedrock';
import { errorHint, ProviderError } from '../../../electron/http/errors';

describe('error hints', () => {
  it('says the key was rejected only when a server rejected it', () => {
    expect(
      errorHint(new ProviderError('OpenAI API error (401 Unauthorized): bad key', { provider: 'OpenAI', errorClass: 'auth', status: 401 })),
    ).toMatch(/key was rejected/);
  });

  it('asks for credentials when none were found before any request', async () => {
    const provider = new BedrockProvider({
      env: { AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_CONFIG_FILE: '/nonexistent/config', HOME: '/nonexistent' },
    });
    const error = await provider
      .chat({ model: 'anthropic.claude-3-haiku', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/credentials not set/);
    expect(errorHint(error)).toMatch(/Add the credentials or sign-in the message names/);
    expect(errorHint(error)).not.toMatch(/rejected/);
  });
});
