// A configuration a team would carry to a gateway: seven kinds of provider (OpenAI with two key
// slots, Anthropic, Gemini, Bedrock, Azure, Ollama, a custom endpoint) plus two a gateway cannot use
// (Claude Code's CLI, a Copilot sign-in), two chains with fallbacks and different policies, and
// routes (one pointing nowhere).
import { Config } from '../../electron/config/schema';

const at = 1_700_000_000_000;
const slot = (n: number) => ({ slot: n, hint: 'sk-…abcd', updatedAt: at });

function profile(id: string, name: string, providerKey: string, extra: Record<string, unknown> = {}) {
  return { id, name, providerKey, createdAt: at, updatedAt: at, ...extra };
}

export function teamConfig(): Config {
  return Config.parse({
    schemaVersion: 1,
    profiles: [
      profile('p-openai', 'Work OpenAI', 'openai', { keySlots: [slot(0), slot(1)] }),
      profile('p-anthropic', 'Anthropic', 'anthropic', { keySlots: [slot(0)] }),
      profile('p-gemini', 'Gemini', 'gemini'),
      profile('p-bedrock', 'Bedrock EU', 'bedrock', { options: { region: 'eu-central-1' } }),
      profile('p-azure', 'Azure Prod', 'azure_openai', {
        baseUrl: 'https://acme.openai.azure.com',
        options: { deployment: 'gpt4o-prod', apiVersion: '2024-10-21' },
        keySlots: [slot(0)],
      }),
      profile('p-ollama', 'Home Ollama', 'ollama'),
      profile('p-custom', 'Team vLLM', 'custom:https://llm.internal.example/v1', {
        keySlots: [slot(0)],
        extraHeaders: { 'X-Team': 'platform' },
      }),
      profile('p-claude-code', 'Claude Code', 'claude-code'),
      profile('p-copilot', 'Copilot', 'copilot'),
    ],
    chains: [
      {
        id: 'c-resilient',
        name: 'Resilient',
        createdAt: at,
        updatedAt: at,
        targets: [
          { profileId: 'p-openai', model: 'gpt-4o-mini', fallbackModels: ['gpt-4o'] },
          { profileId: 'p-anthropic', model: 'claude-sonnet-4-5' },
          { profileId: 'p-claude-code', model: 'sonnet' },
        ],
      },
      {
        id: 'c-local',
        name: 'Local first',
        createdAt: at,
        updatedAt: at,
        policy: { maxRetries: 1, cooldownMs: 5_000, attemptTimeoutMs: 20_000, deadlineMs: 60_000 },
        targets: [
          { profileId: 'p-ollama', model: 'llama3.1:8b' },
          { profileId: 'p-custom', model: 'qwen2.5-coder' },
          { profileId: 'p-gemini', model: 'gemini-2.5-flash' },
          { profileId: 'p-bedrock', model: 'anthropic.claude-3-haiku-20240307-v1:0' },
          { profileId: 'p-azure', model: 'gpt-4o' },
          { profileId: 'p-copilot', model: 'gpt-4.1' },
        ],
      },
    ],
    routes: [
      { id: 'r-fast', hint: 'fast', chainId: 'c-resilient' },
      { id: 'r-local', hint: 'local', chainId: 'c-local' },
      { id: 'r-gone', hint: 'gone', chainId: 'c-deleted' },
    ],
    settings: { prices: { 'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 } } },
  });
}
