// Every provider Switchyard knows, as data: one row per canonical key (seed-core.md §1.6 and §2).
// The factory and the UI both read this table; a new OpenAI-compatible provider is one row here.
import type { SignInKind } from './sign-ins';
import type { ProviderCapabilities } from './traits';

export type AuthKind = 'bearer' | 'api-key' | 'oauth' | 'aws-sigv4' | 'cli' | 'none';

export interface CatalogEntry {
  key: string;
  displayName: string;
  /** Accepted and shown in the picker. */
  aliases: string[];
  /** Accepted (regional variants and the like) but not listed, as in the seed (seed-core.md §1.10). */
  hiddenAliases: string[];
  /** The adapter kind; families.ts says which provider family builds it. */
  adapter: string;
  baseUrl: string;
  /** Whether people commonly point this provider elsewhere (local servers, gateways). */
  baseUrlOverridable: boolean;
  /** Regional alias → its base URL. */
  regions?: Record<string, string>;
  local: boolean;
  envVars: string[];
  auth: AuthKind[];
  docsUrl?: string;
  capabilities: ProviderCapabilities;
  /** Sent when no key is configured (local servers that want any non-empty key). */
  defaultKey?: string;
  /** Extra headers this vendor needs (User-Agent for Kimi Code, Qwen Code). */
  headers?: Record<string, string>;
  /** MiniMax rejects the system role: fold system text into the first user turn (seed-wire.md §2.4). */
  mergeSystemIntoUser?: boolean;
  /** A sign-in that can stand in for the key (MiniMax OAuth, Qwen Code OAuth), see sign-ins.ts. */
  signIn?: SignInKind;
  /** Whether chat completions that answer 404 are retried on the Responses API (seed-wire.md §2.1; off for GLM, NVIDIA, MiniMax). */
  responsesFallback?: boolean;
  listed: boolean;
  group: string;
}

type Row = Omit<
  CatalogEntry,
  'aliases' | 'hiddenAliases' | 'envVars' | 'auth' | 'listed' | 'group' | 'capabilities' | 'baseUrlOverridable' | 'local'
> &
  Partial<Pick<CatalogEntry, 'aliases' | 'hiddenAliases' | 'envVars' | 'auth' | 'listed' | 'group' | 'baseUrlOverridable' | 'local'>> & {
    capabilities?: Partial<CatalogEntry['capabilities']>;
  };

const TOOLS = { nativeTools: true, vision: false, streaming: true, promptCaching: false };

/** An OpenAI-compatible vendor: Bearer auth, native tools, streaming (seed-core.md §1.6, "compat"). */
function compat(key: string, displayName: string, baseUrl: string, extra: Partial<Row> = {}): Row {
  return { key, displayName, adapter: 'compatible', baseUrl, ...extra };
}

const rows: Row[] = [
  {
    key: 'openrouter',
    displayName: 'OpenRouter',
    adapter: 'openrouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    envVars: ['OPENROUTER_API_KEY'],
    capabilities: { vision: true },
    docsUrl: 'https://openrouter.ai/docs',
    group: 'Primary',
  },
  {
    key: 'anthropic',
    displayName: 'Anthropic',
    adapter: 'anthropic',
    baseUrl: 'https://api.anthropic.com',
    envVars: ['ANTHROPIC_OAUTH_TOKEN', 'ANTHROPIC_API_KEY'],
    auth: ['api-key', 'oauth'],
    capabilities: { vision: true, promptCaching: true },
    docsUrl: 'https://docs.anthropic.com/en/api',
    group: 'Primary',
  },
  {
    key: 'openai',
    displayName: 'OpenAI',
    adapter: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    baseUrlOverridable: true,
    envVars: ['OPENAI_API_KEY'],
    capabilities: { vision: true },
    docsUrl: 'https://platform.openai.com/docs/api-reference',
    group: 'Primary',
  },
  {
    key: 'openai-codex',
    displayName: 'OpenAI Codex (ChatGPT sign-in)',
    aliases: ['openai_codex', 'codex'],
    adapter: 'openai-codex',
    baseUrl: 'https://chatgpt.com/backend-api/codex/responses',
    baseUrlOverridable: true,
    envVars: [],
    auth: ['oauth'],
    capabilities: { nativeTools: false, vision: true },
    group: 'Primary',
  },
  {
    key: 'telnyx',
    displayName: 'Telnyx',
    adapter: 'telnyx',
    baseUrl: 'https://api.telnyx.com/v2/ai',
    envVars: ['TELNYX_API_KEY'],
    capabilities: { nativeTools: false },
    group: 'Cloud endpoints',
  },
  {
    key: 'azure_openai',
    displayName: 'Azure OpenAI',
    aliases: ['azure-openai', 'azure'],
    adapter: 'azure-openai',
    baseUrl: 'https://my-resource.openai.azure.com',
    baseUrlOverridable: true,
    envVars: ['AZURE_OPENAI_API_KEY'],
    auth: ['api-key', 'bearer'],
    capabilities: { vision: true },
    docsUrl: 'https://learn.microsoft.com/azure/ai-services/openai/reference',
    group: 'Cloud endpoints',
  },
  {
    key: 'ollama',
    displayName: 'Ollama',
    adapter: 'ollama',
    baseUrl: 'http://127.0.0.1:11434',
    baseUrlOverridable: true,
    local: true,
    envVars: ['OLLAMA_API_KEY'],
    auth: ['none', 'bearer'],
    capabilities: { nativeTools: false, vision: true },
    docsUrl: 'https://github.com/ollama/ollama/blob/main/docs/api.md',
    group: 'Local',
  },
  {
    key: 'gemini',
    displayName: 'Google Gemini',
    aliases: ['google', 'google-gemini'],
    adapter: 'gemini',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    envVars: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
    auth: ['api-key', 'oauth'],
    capabilities: { nativeTools: true, vision: true },
    docsUrl: 'https://ai.google.dev/api',
    group: 'Primary',
  },
  compat('venice', 'Venice', 'https://api.venice.ai', { envVars: ['VENICE_API_KEY'], capabilities: { nativeTools: false } }),
  compat('vercel', 'Vercel AI Gateway', 'https://ai-gateway.vercel.sh/v1', {
    aliases: ['vercel-ai'],
    envVars: ['VERCEL_API_KEY'],
    group: 'Hosting platforms',
  }),
  compat('cloudflare', 'Cloudflare AI', 'https://gateway.ai.cloudflare.com/v1', {
    aliases: ['cloudflare-ai'],
    envVars: ['CLOUDFLARE_API_KEY'],
    group: 'Hosting platforms',
  }),
  compat('moonshot', 'Moonshot (Kimi)', 'https://api.moonshot.cn/v1', {
    aliases: ['kimi'],
    hiddenAliases: ['moonshot-cn', 'kimi-cn', 'moonshot-intl', 'moonshot-global', 'kimi-intl', 'kimi-global'],
    regions: {
      'moonshot-intl': 'https://api.moonshot.ai/v1',
      'moonshot-global': 'https://api.moonshot.ai/v1',
      'kimi-intl': 'https://api.moonshot.ai/v1',
      'kimi-global': 'https://api.moonshot.ai/v1',
    },
    envVars: ['MOONSHOT_API_KEY'],
    group: 'China',
  }),
  compat('kimi-code', 'Kimi Code', 'https://api.kimi.com/coding/v1', {
    aliases: ['kimi_coding', 'kimi_for_coding'],
    envVars: ['KIMI_CODE_API_KEY', 'MOONSHOT_API_KEY'],
    headers: { 'user-agent': 'KimiCLI/0.77' },
    group: 'China',
  }),
  compat('synthetic', 'Synthetic', 'https://api.synthetic.new/openai/v1', { envVars: ['SYNTHETIC_API_KEY'] }),
  compat('opencode', 'OpenCode Zen', 'https://opencode.ai/zen/v1', { aliases: ['opencode-zen'], envVars: ['OPENCODE_API_KEY'] }),
  compat('opencode-go', 'OpenCode Go', 'https://opencode.ai/zen/go/v1', { envVars: ['OPENCODE_GO_API_KEY'] }),
  compat('zai', 'Z.AI', 'https://api.z.ai/api/coding/paas/v4', {
    aliases: ['z.ai'],
    hiddenAliases: ['zai-global', 'z.ai-global', 'zai-cn', 'z.ai-cn'],
    regions: { 'zai-cn': 'https://open.bigmodel.cn/api/coding/paas/v4', 'z.ai-cn': 'https://open.bigmodel.cn/api/coding/paas/v4' },
    envVars: ['ZAI_API_KEY'],
    group: 'China',
  }),
  compat('glm', 'GLM (Zhipu)', 'https://api.z.ai/api/paas/v4', {
    aliases: ['zhipu'],
    hiddenAliases: ['glm-global', 'zhipu-global', 'glm-cn', 'zhipu-cn', 'bigmodel'],
    regions: {
      'glm-cn': 'https://open.bigmodel.cn/api/paas/v4',
      'zhipu-cn': 'https://open.bigmodel.cn/api/paas/v4',
      bigmodel: 'https://open.bigmodel.cn/api/paas/v4',
    },
    envVars: ['GLM_API_KEY'],
    responsesFallback: false,
    group: 'China',
  }),
  compat('minimax', 'MiniMax', 'https://api.minimax.io/v1', {
    aliases: [
      'minimax-intl',
      'minimax-io',
      'minimax-global',
      'minimax-cn',
      'minimaxi',
      'minimax-oauth',
      'minimax-oauth-cn',
      'minimax-portal',
      'minimax-portal-cn',
    ],
    hiddenAliases: ['minimax-oauth-global', 'minimax-portal-global'],
    regions: {
      'minimax-cn': 'https://api.minimaxi.com/v1',
      minimaxi: 'https://api.minimaxi.com/v1',
      'minimax-oauth-cn': 'https://api.minimaxi.com/v1',
      'minimax-portal-cn': 'https://api.minimaxi.com/v1',
    },
    envVars: ['MINIMAX_OAUTH_TOKEN', 'MINIMAX_API_KEY'],
    signIn: 'minimax-oauth',
    mergeSystemIntoUser: true,
    responsesFallback: false,
    capabilities: { nativeTools: false },
    group: 'China',
  }),
  {
    key: 'bedrock',
    displayName: 'Amazon Bedrock',
    aliases: ['aws-bedrock'],
    adapter: 'bedrock',
    baseUrl: 'https://bedrock-runtime.{region}.amazonaws.com',
    envVars: ['BEDROCK_API_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION'],
    auth: ['aws-sigv4', 'bearer'],
    capabilities: { vision: true },
    docsUrl: 'https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html',
    group: 'Cloud endpoints',
  },
  compat('qianfan', 'Qianfan (Baidu)', 'https://qianfan.baidubce.com/v2', {
    aliases: ['baidu'],
    envVars: ['QIANFAN_API_KEY'],
    baseUrlOverridable: true,
    group: 'China',
  }),
  compat('doubao', 'Doubao (Volcengine)', 'https://ark.cn-beijing.volces.com/api/v3', {
    aliases: ['volcengine', 'ark', 'doubao-cn'],
    envVars: ['ARK_API_KEY', 'VOLCENGINE_API_KEY', 'DOUBAO_API_KEY'],
    group: 'China',
  }),
  compat('qwen', 'Qwen (DashScope)', 'https://dashscope.aliyuncs.com/compatible-mode/v1', {
    aliases: ['dashscope', 'qwen-intl', 'dashscope-intl', 'qwen-us', 'dashscope-us'],
    hiddenAliases: ['qwen-cn', 'dashscope-cn', 'qwen-international', 'dashscope-international'],
    regions: {
      'qwen-intl': 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
      'dashscope-intl': 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
      'qwen-international': 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
      'dashscope-international': 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
      'qwen-us': 'https://dashscope-us.aliyuncs.com/compatible-mode/v1',
      'dashscope-us': 'https://dashscope-us.aliyuncs.com/compatible-mode/v1',
    },
    envVars: ['DASHSCOPE_API_KEY'],
    capabilities: { vision: true },
    group: 'China',
  }),
  compat('qwen-code', 'Qwen Code (OAuth)', 'https://dashscope.aliyuncs.com/compatible-mode/v1', {
    aliases: ['qwen-oauth', 'qwen_oauth'],
    envVars: ['DASHSCOPE_API_KEY'],
    signIn: 'qwen-oauth',
    baseUrlOverridable: true,
    auth: ['oauth', 'bearer'],
    headers: { 'user-agent': 'QwenCode/1.0' },
    capabilities: { vision: true },
    group: 'China',
    listed: false,
  }),
  compat('bailian', 'Bailian (Aliyun)', 'https://coding.dashscope.aliyuncs.com/v1', {
    aliases: ['aliyun-bailian', 'aliyun'],
    envVars: ['BAILIAN_API_KEY', 'DASHSCOPE_API_KEY'],
    capabilities: { vision: true },
    group: 'China',
  }),
  compat('groq', 'Groq', 'https://api.groq.com/openai/v1', { envVars: ['GROQ_API_KEY'], group: 'Fast inference' }),
  compat('mistral', 'Mistral', 'https://api.mistral.ai/v1', { envVars: ['MISTRAL_API_KEY'], group: 'Primary' }),
  compat('xai', 'xAI (Grok)', 'https://api.x.ai/v1', { aliases: ['grok'], envVars: ['XAI_API_KEY'], group: 'Primary' }),
  compat('deepseek', 'DeepSeek', 'https://api.deepseek.com', { envVars: ['DEEPSEEK_API_KEY'], group: 'Primary' }),
  compat('together', 'Together AI', 'https://api.together.xyz/v1', {
    aliases: ['together-ai'],
    envVars: ['TOGETHER_API_KEY'],
    group: 'Hosting platforms',
  }),
  compat('fireworks', 'Fireworks AI', 'https://api.fireworks.ai/inference/v1', {
    aliases: ['fireworks-ai'],
    envVars: ['FIREWORKS_API_KEY'],
    group: 'Fast inference',
  }),
  compat('novita', 'Novita AI', 'https://api.novita.ai/openai', { envVars: ['NOVITA_API_KEY'], group: 'Hosting platforms' }),
  compat('perplexity', 'Perplexity', 'https://api.perplexity.ai', { envVars: ['PERPLEXITY_API_KEY'] }),
  compat('cohere', 'Cohere', 'https://api.cohere.com/compatibility/v1', { envVars: ['COHERE_API_KEY'] }),
  {
    key: 'copilot',
    displayName: 'GitHub Copilot',
    aliases: ['github-copilot'],
    adapter: 'copilot',
    baseUrl: 'https://api.githubcopilot.com',
    envVars: [],
    auth: ['oauth'],
    capabilities: { vision: true },
    group: 'Primary',
  },
  {
    key: 'claude-code',
    displayName: 'Claude Code (CLI)',
    adapter: 'cli',
    baseUrl: '',
    local: true,
    envVars: ['CLAUDE_CODE_PATH'],
    auth: ['cli'],
    capabilities: { nativeTools: false, streaming: true },
    group: 'Local',
  },
  {
    key: 'gemini-cli',
    displayName: 'Gemini CLI',
    adapter: 'cli',
    baseUrl: '',
    local: true,
    envVars: ['GEMINI_CLI_PATH'],
    auth: ['cli'],
    capabilities: { nativeTools: false, streaming: true },
    group: 'Local',
  },
  {
    key: 'kilocli',
    displayName: 'KiloCLI',
    aliases: ['kilo'],
    adapter: 'cli',
    baseUrl: '',
    local: true,
    envVars: ['KILO_CLI_PATH'],
    auth: ['cli'],
    capabilities: { nativeTools: false, streaming: true },
    group: 'Local',
  },
  compat('lmstudio', 'LM Studio', 'http://127.0.0.1:1234/v1', {
    aliases: ['lm-studio'],
    local: true,
    defaultKey: 'lm-studio',
    baseUrlOverridable: true,
    auth: ['none', 'bearer'],
    group: 'Local',
  }),
  compat('llamacpp', 'llama.cpp server', 'http://127.0.0.1:8080/v1', {
    aliases: ['llama.cpp'],
    local: true,
    defaultKey: 'llama.cpp',
    envVars: ['LLAMACPP_API_KEY'],
    baseUrlOverridable: true,
    auth: ['none', 'bearer'],
    capabilities: { vision: true },
    group: 'Local',
  }),
  compat('sglang', 'SGLang', 'http://127.0.0.1:30000/v1', {
    local: true,
    envVars: ['SGLANG_API_KEY'],
    baseUrlOverridable: true,
    auth: ['none', 'bearer'],
    group: 'Local',
  }),
  compat('vllm', 'vLLM', 'http://127.0.0.1:8000/v1', {
    local: true,
    envVars: ['VLLM_API_KEY'],
    baseUrlOverridable: true,
    auth: ['none', 'bearer'],
    group: 'Local',
  }),
  compat('osaurus', 'Osaurus', 'http://127.0.0.1:1337/v1', {
    local: true,
    defaultKey: 'osaurus',
    envVars: ['OSAURUS_API_KEY'],
    baseUrlOverridable: true,
    auth: ['none', 'bearer'],
    group: 'Local',
  }),
  compat('nvidia', 'NVIDIA NIM', 'https://integrate.api.nvidia.com/v1', {
    aliases: ['nvidia-nim', 'build.nvidia.com'],
    envVars: ['NVIDIA_API_KEY'],
    responsesFallback: false,
    group: 'Hosting platforms',
  }),
  compat('astrai', 'Astrai', 'https://as-trai.com/v1', { envVars: ['ASTRAI_API_KEY'] }),
  compat('siliconflow', 'SiliconFlow', 'https://api.siliconflow.cn/v1', {
    aliases: ['silicon-flow'],
    envVars: ['SILICONFLOW_API_KEY'],
    group: 'China',
  }),
  compat('aihubmix', 'AiHubMix', 'https://aihubmix.com/v1', { envVars: ['AIHUBMIX_API_KEY'] }),
  // The seed listed LiteLLM as remote despite its localhost default; it is a local proxy here.
  compat('litellm', 'LiteLLM', 'http://127.0.0.1:4000/v1', {
    aliases: ['lite-llm'],
    local: true,
    baseUrlOverridable: true,
    auth: ['none', 'bearer'],
    group: 'Local',
  }),
  compat('cerebras', 'Cerebras', 'https://api.cerebras.ai/v1', { group: 'Fast inference' }),
  compat('sambanova', 'SambaNova', 'https://api.sambanova.ai/v1', { group: 'Fast inference' }),
  compat('hyperbolic', 'Hyperbolic', 'https://api.hyperbolic.xyz/v1', { group: 'Hosting platforms' }),
  compat('deepinfra', 'DeepInfra', 'https://api.deepinfra.com/v1/openai', { aliases: ['deep-infra'], group: 'Hosting platforms' }),
  compat('huggingface', 'Hugging Face', 'https://router.huggingface.co/v1', { aliases: ['hf'], group: 'Hosting platforms' }),
  compat('ai21', 'AI21 Labs', 'https://api.ai21.com/studio/v1', { aliases: ['ai21-labs'] }),
  compat('reka', 'Reka', 'https://api.reka.ai/v1'),
  compat('baseten', 'Baseten', 'https://inference.baseten.co/v1', { group: 'Hosting platforms' }),
  compat('nscale', 'Nscale', 'https://inference.api.nscale.com/v1', { group: 'Hosting platforms' }),
  compat('anyscale', 'Anyscale', 'https://api.endpoints.anyscale.com/v1', { group: 'Hosting platforms' }),
  compat('nebius', 'Nebius AI Studio', 'https://api.studio.nebius.ai/v1', { group: 'Hosting platforms' }),
  compat('friendli', 'Friendli AI', 'https://api.friendli.ai/serverless/v1', { aliases: ['friendliai'], group: 'Hosting platforms' }),
  compat('lepton', 'Lepton AI', 'https://llama3-1-405b.lepton.run/api/v1', {
    aliases: ['lepton-ai'],
    baseUrlOverridable: true,
    group: 'Hosting platforms',
  }),
  compat('stepfun', 'Stepfun', 'https://api.stepfun.com/v1', { aliases: ['step'], group: 'China' }),
  compat('baichuan', 'Baichuan', 'https://api.baichuan-ai.com/v1', { group: 'China' }),
  compat('yi', '01.AI (Yi)', 'https://api.lingyiwanwu.com/v1', { aliases: ['01ai', 'lingyiwanwu'], group: 'China' }),
  compat('hunyuan', 'Tencent Hunyuan', 'https://api.hunyuan.cloud.tencent.com/v1', { aliases: ['tencent'], group: 'China' }),
  compat('avian', 'Avian', 'https://api.avian.io/v1', { envVars: ['AVIAN_API_KEY'] }),
  compat('deepmyst', 'DeepMyst', 'https://api.deepmyst.com/v1', { aliases: ['deep-myst'], envVars: ['DEEPMYST_API_KEY'] }),
  // The seed built OVHcloud on its OpenAI implementation and ignored every compat option (QUIRK);
  // it is a plain compatible provider here.
  compat('ovhcloud', 'OVHcloud AI Endpoints', 'https://oai.endpoints.kepler.ai.cloud.ovh.net/v1', {
    aliases: ['ovh'],
    envVars: ['OVH_AI_ENDPOINTS_ACCESS_TOKEN'],
    group: 'Hosting platforms',
  }),
];

export const CATALOG: CatalogEntry[] = rows.map((row) => ({
  ...row,
  aliases: row.aliases ?? [],
  hiddenAliases: row.hiddenAliases ?? [],
  envVars: row.envVars ?? [],
  auth: row.auth ?? ['bearer'],
  listed: row.listed ?? true,
  group: row.group ?? 'OpenAI-compatible',
  local: row.local ?? false,
  baseUrlOverridable: row.baseUrlOverridable ?? false,
  capabilities: { ...TOOLS, ...row.capabilities },
}));
