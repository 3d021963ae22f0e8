// Where each cloud provider hands out API keys ("Get a key" in Add provider), and every https host
// the desktop app may open in the system browser. One table feeds both, so a key link can never
// point at a host the main process would refuse (electron/main/navigation.ts).
// Providers signed in with an account (Codex, Copilot, Qwen Code, CLIs), local servers and
// providers whose key page could not be confirmed have no entry; they link to their docs, if any.

/** Catalog key → the page that creates API keys for it. */
export const KEY_PAGES: Readonly<Record<string, string>> = {
  openai: 'https://platform.openai.com/api-keys',
  anthropic: 'https://console.anthropic.com/settings/keys',
  openrouter: 'https://openrouter.ai/keys',
  gemini: 'https://aistudio.google.com/apikey',
  azure_openai: 'https://portal.azure.com/',
  bedrock: 'https://console.aws.amazon.com/bedrock/',
  mistral: 'https://console.mistral.ai/api-keys',
  groq: 'https://console.groq.com/keys',
  xai: 'https://console.x.ai/team/default/api-keys',
  deepseek: 'https://platform.deepseek.com/api_keys',
  together: 'https://api.together.ai/settings/api-keys',
  fireworks: 'https://app.fireworks.ai/settings/users/api-keys',
  perplexity: 'https://www.perplexity.ai/settings/api',
  cohere: 'https://dashboard.cohere.com/api-keys',
  cerebras: 'https://cloud.cerebras.ai/',
  deepinfra: 'https://deepinfra.com/dash/api_keys',
  huggingface: 'https://huggingface.co/settings/tokens',
  nvidia: 'https://build.nvidia.com/settings/api-keys',
  // The catalog's default Moonshot endpoint is the China one (api.moonshot.cn).
  moonshot: 'https://platform.moonshot.cn/console/api-keys',
  'kimi-code': 'https://www.kimi.com/code/console',
  zai: 'https://z.ai/manage-apikey/apikey-list',
  glm: 'https://z.ai/manage-apikey/apikey-list',
  minimax: 'https://platform.minimax.io/user-center/basic-information/interface-key',
  qianfan: 'https://console.bce.baidu.com/iam/#/iam/apikey/list',
  doubao: 'https://console.volcengine.com/ark/region:ark+cn-beijing/apiKey',
  qwen: 'https://dashscope.console.aliyun.com/apiKey',
  venice: 'https://venice.ai/settings/api',
  vercel: 'https://vercel.com/d?to=/[team]/~/ai/api-keys',
  cloudflare: 'https://dash.cloudflare.com/profile/api-tokens',
  synthetic: 'https://synthetic.new/user-settings/api',
  opencode: 'https://opencode.ai/auth',
  'opencode-go': 'https://opencode.ai/auth',
  telnyx: 'https://portal.telnyx.com/#/app/api-keys',
  novita: 'https://novita.ai/settings/key-management',
  siliconflow: 'https://cloud.siliconflow.cn/account/ak',
  aihubmix: 'https://aihubmix.com/token',
  sambanova: 'https://cloud.sambanova.ai/apis',
  hyperbolic: 'https://app.hyperbolic.xyz/settings',
  ai21: 'https://studio.ai21.com/account/api-key',
  reka: 'https://platform.reka.ai/apikeys',
  baseten: 'https://app.baseten.co/settings/api_keys',
  nscale: 'https://console.nscale.com/',
  nebius: 'https://studio.nebius.ai/settings/api-keys',
  friendli: 'https://friendli.ai/suite/setting/tokens',
  stepfun: 'https://platform.stepfun.com/interface-key',
  baichuan: 'https://platform.baichuan-ai.com/console/apikey',
  yi: 'https://platform.lingyiwanwu.com/apikeys',
  hunyuan: 'https://console.cloud.tencent.com/hunyuan/api-key',
};

/** Hosts opened for reasons other than a key page: sign-ins, docs, downloads. */
const OTHER_HOSTS = [
  'github.com',
  'auth.openai.com',
  'docs.github.com',
  'docs.anthropic.com',
  'ai.google.dev',
  'ollama.com',
  'docs.aws.amazon.com',
];

/** Every https host the app may open in the system browser. */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  ...OTHER_HOSTS,
  ...Object.values(KEY_PAGES).map((page) => new URL(page).hostname),
]);
