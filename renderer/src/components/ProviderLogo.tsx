// Provider logos from @lobehub/icons-static-svg: the maintained set of AI brand marks that
// @lobehub/icons draws from, as plain SVG files with no dependencies. (@lobehub/icons itself needs
// antd and @lobehub/ui as peers, far too heavy for a few logos.) Only the logos named below go into
// the build, as separate files the browser loads when a logo is shown, so the initial JS grows by a
// list of file names and nothing more.
import { Cpu, Globe, Terminal } from 'lucide-react';
import './ProviderLogo.css';

/** Catalog key (and the aliases profiles may carry) → icon file. `color` files keep their colours. */
const LOGOS: Record<string, string> = {
  openrouter: 'openrouter-color',
  anthropic: 'anthropic',
  openai: 'openai',
  'openai-codex': 'codex-color',
  azure_openai: 'azure-color',
  'azure-openai': 'azure-color',
  azure: 'azure-color',
  ollama: 'ollama',
  gemini: 'gemini-color',
  google: 'gemini-color',
  bedrock: 'bedrock-color',
  'aws-bedrock': 'bedrock-color',
  copilot: 'githubcopilot',
  'github-copilot': 'githubcopilot',
  'claude-code': 'claudecode-color',
  'gemini-cli': 'geminicli-color',
  kilocli: 'kilocode',
  kilo: 'kilocode',
  venice: 'venice-color',
  vercel: 'vercel',
  cloudflare: 'cloudflare-color',
  moonshot: 'moonshot',
  kimi: 'kimi-color',
  'kimi-code': 'kimi-color',
  zai: 'zai',
  glm: 'zhipu-color',
  zhipu: 'zhipu-color',
  minimax: 'minimax-color',
  qianfan: 'baidu-color',
  baidu: 'baidu-color',
  doubao: 'doubao-color',
  volcengine: 'volcengine-color',
  qwen: 'qwen-color',
  'qwen-code': 'qwen-color',
  dashscope: 'qwen-color',
  bailian: 'bailian-color',
  groq: 'groq',
  mistral: 'mistral-color',
  xai: 'xai',
  grok: 'xai',
  deepseek: 'deepseek-color',
  together: 'together-color',
  fireworks: 'fireworks-color',
  novita: 'novita-color',
  perplexity: 'perplexity-color',
  cohere: 'cohere-color',
  lmstudio: 'lmstudio',
  'lm-studio': 'lmstudio',
  vllm: 'vllm-color',
  nvidia: 'nvidia-color',
  siliconflow: 'siliconcloud-color',
  aihubmix: 'aihubmix-color',
  cerebras: 'cerebras-color',
  sambanova: 'sambanova-color',
  hyperbolic: 'hyperbolic-color',
  deepinfra: 'deepinfra-color',
  huggingface: 'huggingface-color',
  ai21: 'ai21',
  reka: 'reka',
  baseten: 'baseten',
  anyscale: 'anyscale-color',
  nebius: 'nebius',
  friendli: 'friendli',
  stepfun: 'stepfun-color',
  baichuan: 'baichuan-color',
  yi: 'yi-color',
  hunyuan: 'hunyuan-color',
  opencode: 'opencode',
  'opencode-go': 'opencode',
};

const FILES = import.meta.glob<string>(
  '../../../node_modules/@lobehub/icons-static-svg/icons/{openrouter-color,anthropic,openai,codex-color,azure-color,ollama,gemini-color,bedrock-color,githubcopilot,claudecode-color,geminicli-color,kilocode,venice-color,vercel,cloudflare-color,moonshot,kimi-color,zai,zhipu-color,minimax-color,baidu-color,doubao-color,volcengine-color,qwen-color,bailian-color,groq,mistral-color,xai,deepseek-color,together-color,fireworks-color,novita-color,perplexity-color,cohere-color,lmstudio,vllm-color,nvidia-color,siliconcloud-color,aihubmix-color,cerebras-color,sambanova-color,hyperbolic-color,deepinfra-color,huggingface-color,ai21,reka,baseten,anyscale-color,nebius,friendli,stepfun-color,baichuan-color,yi-color,hunyuan-color,opencode}.svg',
  { eager: true, query: '?url', import: 'default' },
);

function urlOf(name: string): string | undefined {
  return Object.entries(FILES).find(([file]) => file.endsWith(`/${name}.svg`))?.[1];
}

/** The logo file for a provider key, alias or adapter, if the set has one. */
export function logoFor(...keys: Array<string | undefined>): { url: string; color: boolean } | null {
  for (const key of keys) {
    const name = key && LOGOS[key.toLowerCase()];
    const url = name && urlOf(name);
    if (name && url) return { url, color: name.endsWith('-color') };
  }
  return null;
}

interface Props {
  /** Provider key, alias or adapter, tried in order. */
  keys: Array<string | undefined>;
  local?: boolean;
  size?: number;
}

/** A provider's mark; a plain icon (local server, CLI, any endpoint) when the set has none. */
export function ProviderLogo({ keys, local, size = 18 }: Props) {
  const logo = logoFor(...keys);
  if (!logo) {
    const Fallback = keys.includes('cli') ? Terminal : local ? Cpu : Globe;
    return <Fallback size={size} className="provider-logo provider-logo--plain" aria-hidden="true" />;
  }
  // Single-colour marks take the text colour (readable in dark mode) through a CSS mask.
  return logo.color ? (
    <img className="provider-logo" src={logo.url} width={size} height={size} alt="" aria-hidden="true" />
  ) : (
    <span
      className="provider-logo provider-logo--mono"
      style={{ width: size, height: size, maskImage: `url("${logo.url}")`, WebkitMaskImage: `url("${logo.url}")` }}
      aria-hidden="true"
    />
  );
}
