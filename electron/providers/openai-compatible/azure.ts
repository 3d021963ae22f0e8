// Azure OpenAI (seed-wire.md §7): chat completions at a deployment URL with an api-version, the
// `api-key` header (or a Bearer Entra ID token), and no model field. Unlike the seed, the endpoint
// can be any host (Azure AI Foundry, a gateway) and the model name picks the deployment when no
// deployment is set, so the model picker works as elsewhere.
import { CompatibleProvider } from './compatible';
import type { ProviderCapabilities } from '../traits';

export const AZURE_DEFAULT_API_VERSION = '2024-08-01-preview';

export interface AzureSettings {
  credential?: string;
  /** https://<resource>.openai.azure.com, or any endpoint that serves /openai/deployments. */
  baseUrl?: string;
  options?: Record<string, unknown>;
  headers?: Record<string, string>;
  env: NodeJS.ProcessEnv;
  capabilities: ProviderCapabilities;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function azureEndpoint(settings: Pick<AzureSettings, 'baseUrl' | 'options' | 'env'>): {
  endpoint: string;
  deployment?: string;
  apiVersion: string;
  auth: 'api-key' | 'bearer';
} {
  const resource = text(settings.options?.resource) ?? text(settings.env.AZURE_OPENAI_RESOURCE);
  const endpoint = (text(settings.baseUrl) ?? (resource ? `https://${resource}.openai.azure.com` : 'https://my-resource.openai.azure.com'))
    .replace(/\/+$/, '')
    .replace(/\/openai$/, '');
  return {
    endpoint,
    deployment: text(settings.options?.deployment) ?? text(settings.env.AZURE_OPENAI_DEPLOYMENT),
    apiVersion: text(settings.options?.apiVersion) ?? text(settings.env.AZURE_OPENAI_API_VERSION) ?? AZURE_DEFAULT_API_VERSION,
    auth: settings.options?.auth === 'bearer' ? 'bearer' : 'api-key',
  };
}

export function createAzureProvider(settings: AzureSettings): CompatibleProvider {
  const { endpoint, deployment, apiVersion, auth } = azureEndpoint(settings);
  return new CompatibleProvider({
    key: 'azure_openai',
    displayName: 'Azure OpenAI',
    baseUrl: endpoint,
    credential: settings.credential,
    envVars: ['AZURE_OPENAI_API_KEY'],
    headers: settings.headers,
    capabilities: settings.capabilities,
    env: settings.env,
    // Azure serves OpenAI's reasoning models with OpenAI's parameter rules.
    openaiReasoningRules: true,
    endpoints: {
      chatUrl: (model) =>
        `${endpoint}/openai/deployments/${encodeURIComponent(deployment ?? model)}/chat/completions?api-version=${encodeURIComponent(apiVersion)}`,
      // Deployments are listed by the management API, not by the data plane.
      modelsUrl: null,
      authHeader: (credential): Record<string, string> =>
        auth === 'bearer' ? { authorization: `Bearer ${credential}` } : { 'api-key': credential },
      omitModel: true,
    },
  });
}
