import { describe, expect, it } from 'vitest';
import { countConversation, tokenizerFor, TOKENS_PER_IMAGE } from '../../../electron/model-info/token-count';

describe("counting a conversation's tokens", () => {
  it.each([
    ['gpt-4o-mini', 'o200k_base'],
    ['openai/gpt-4.1', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['gpt-5-nano', 'o200k_base'],
    ['gpt-4-turbo', 'cl100k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['claude-sonnet-4-5', undefined],
    ['llama3.2:3b', undefined],
  ])('%s is counted with %s', (model, tokenizer) => {
    expect(tokenizerFor(model)).toBe(tokenizer);
  });

  it('counts OpenAI models exactly, with the chat framing, and text that looks like a special token as text', async () => {
    const counted = await countConversation('gpt-4o', [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hello world <|endoftext|>' },
    ]);
    expect(counted).toMatchObject({ tokenizer: 'o200k_base', estimated: false });
    // "Be brief." is 3 tokens, "hello world <|endoftext|>" 9; 4 per message and 3 for the reply.
    expect(counted.tokens).toBe(3 + 9 + 2 * 4 + 3);
  });

  it('estimates other models at four characters a token, and images at a typical size, marked as estimates', async () => {
    const counted = await countConversation('claude-sonnet-4-5', [{ role: 'user', content: 'x'.repeat(400), images: 2 }]);
    expect(counted).toEqual({ tokens: 100 + 2 * TOKENS_PER_IMAGE + 4 + 3, estimated: true });
    const withImage = await countConversation('gpt-4o', [{ role: 'user', content: 'hi', images: 1 }]);
    expect(withImage.estimated).toBe(true);
  });
});
