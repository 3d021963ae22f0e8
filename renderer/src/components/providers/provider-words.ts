// What people type to find a provider that the catalog does not call by that name: its models'
// brands ("claude" → Anthropic, "gpt" → OpenAI), its company, its product.
export const SEARCH_WORDS: Record<string, string[]> = {
  anthropic: ['claude', 'sonnet', 'opus', 'haiku'],
  openai: ['gpt', 'chatgpt', 'o1', 'o3', 'o4'],
  'openai-codex': ['chatgpt', 'gpt', 'codex'],
  gemini: ['google', 'bard', 'gemma'],
  'gemini-cli': ['google'],
  bedrock: ['aws', 'amazon', 'claude', 'llama', 'titan', 'nova'],
  azure_openai: ['microsoft', 'gpt'],
  copilot: ['github', 'microsoft', 'gpt', 'claude'],
  'claude-code': ['claude', 'anthropic'],
  xai: ['grok', 'x.ai', 'elon'],
  mistral: ['mixtral', 'codestral', 'le chat'],
  moonshot: ['kimi'],
  zai: ['glm', 'zhipu', 'chatglm'],
  glm: ['chatglm', 'z.ai'],
  qwen: ['alibaba', 'tongyi', 'aliyun'],
  doubao: ['bytedance', 'volcano'],
  qianfan: ['ernie', 'wenxin'],
  ollama: ['llama', 'local', 'gguf'],
  lmstudio: ['local', 'gguf'],
  llamacpp: ['local', 'gguf', 'llama'],
  openrouter: ['router', 'gateway', 'many models'],
  together: ['llama', 'open models'],
  groq: ['fast', 'llama'],
  cerebras: ['fast'],
  perplexity: ['sonar', 'search'],
  deepseek: ['r1', 'reasoner'],
  nvidia: ['nim'],
  huggingface: ['hf', 'hugging face'],
};

/**
 * Where to get a key, for providers whose key page is on a host the desktop app may open
 * (electron/main/navigation.ts); others link to their API docs when the catalog has them.
 */
export const KEY_PAGES: Record<string, string> = {
  openai: 'https://platform.openai.com/api-keys',
  anthropic: 'https://console.anthropic.com/settings/keys',
  openrouter: 'https://openrouter.ai/keys',
  gemini: 'https://aistudio.google.com/apikey',
  azure_openai: 'https://portal.azure.com/',
  bedrock: 'https://console.aws.amazon.com/bedrock/',
};
