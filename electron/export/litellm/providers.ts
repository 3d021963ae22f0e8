// One Switchyard profile as LiteLLM deployments: the `<provider>/<model>` route, api_base where it is
// not LiteLLM's default, the provider's own settings (Azure api_version, Bedrock region), and the
// credentials as os.environ/NAME references, one deployment per key slot. Values of keys never pass
// through here: profiles only name their slots, the keychain holds the values.
import type { Profile } from '../../config/schema';
import { resolveProviderKey } from '../../providers/catalog';
import type { CatalogEntry } from '../../providers/catalog-data';
import { isLoopbackUrl } from '../../providers/core/loopback';
import { AZURE_DEFAULT_API_VERSION, azureEndpoint } from '../../providers/openai-compatible/azure';
import { plainText, quoted } from './names';
import type { EnvVar, LitellmParams } from './types';

/** A provider route in LiteLLM. api_base is written unless the profile's URL is `defaultBase`. */
interface LitellmRoute {
  prefix: string;
  /** LiteLLM's own default URL for the route; without one, api_base is always written. */
  defaultBase?: string;
}

// Switchyard providers LiteLLM has a route of its own for (LlmProviders in litellm/types/utils.py).
// Every other OpenAI-compatible vendor goes through openai/<model> with its api_base, the route
// LiteLLM documents for any OpenAI-compatible server.
const NATIVE_ROUTES: Record<string, LitellmRoute> = {
  openai: { prefix: 'openai', defaultBase: 'https://api.openai.com/v1' },
  anthropic: { prefix: 'anthropic', defaultBase: 'https://api.anthropic.com' },
  gemini: { prefix: 'gemini', defaultBase: 'https://generativelanguage.googleapis.com/v1beta' },
  openrouter: { prefix: 'openrouter', defaultBase: 'https://openrouter.ai/api/v1' },
  groq: { prefix: 'groq' },
  mistral: { prefix: 'mistral' },
  xai: { prefix: 'xai' },
  deepseek: { prefix: 'deepseek' },
  together: { prefix: 'together_ai' },
  fireworks: { prefix: 'fireworks_ai' },
  perplexity: { prefix: 'perplexity' },
  cerebras: { prefix: 'cerebras' },
  sambanova: { prefix: 'sambanova' },
  nvidia: { prefix: 'nvidia_nim' },
  deepinfra: { prefix: 'deepinfra' },
  lmstudio: { prefix: 'lm_studio' },
  vllm: { prefix: 'hosted_vllm' },
};

const OPENAI_COMPATIBLE: LitellmRoute = { prefix: 'openai' };

/** What a profile becomes in LiteLLM, before a model is picked. */
export interface ProfileRoute {
  /** litellm_params for one model, without credentials. */
  paramsFor(model: string): LitellmParams;
  /** Credential params per deployment: one per key slot, or one (possibly empty) when there are none. */
  credentials: LitellmParams[];
  /** An inline comment for the credential, when it is not what it looks like (a placeholder). */
  credentialComment?: string;
  envVars: EnvVar[];
  /** What LiteLLM will do differently for this profile; one line each. */
  notes: string[];
}

export type ProfileExport = ProfileRoute | { unsupported: string };

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function trimUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/** `<ENV_BASE>_API_KEY`, numbered by slot when the profile rotates several keys. */
function slotCredentials(
  profile: Profile,
  envBase: string,
  field: string,
  suffix: string,
  what: string,
): Pick<ProfileRoute, 'credentials' | 'envVars'> | null {
  const slots = profile.keySlots.map((s) => s.slot).sort((a, b) => a - b);
  if (slots.length === 0) return null;
  const many = slots.length > 1;
  const envVars = slots.map((slot) => ({
    name: `${envBase}_${suffix}${many ? `_${slot + 1}` : ''}`,
    purpose: many ? `${what} ${slot + 1} of the profile ${quoted(profile.name)}` : `the ${what} of the profile ${quoted(profile.name)}`,
  }));
  return { credentials: envVars.map((v) => ({ [field]: `os.environ/${v.name}` })), envVars };
}

/** The variable Switchyard itself reads for a profile without a stored key (seed-core.md §1.3). */
function standardKeyVar(entry: CatalogEntry): string | undefined {
  const candidates = entry.envVars.filter((name) => !/^AWS_|_PATH$|_OAUTH_TOKEN$/.test(name));
  return candidates.find((name) => name.endsWith('_API_KEY')) ?? candidates[0];
}

function keyCredentials(
  profile: Profile,
  entry: CatalogEntry,
  envBase: string,
  local: boolean,
): Pick<ProfileRoute, 'credentials' | 'envVars' | 'credentialComment'> {
  const fromSlots = slotCredentials(profile, envBase, 'api_key', 'API_KEY', 'key');
  if (fromSlots) return fromSlots;
  const standard = standardKeyVar(entry);
  if (standard && !local)
    return {
      credentials: [{ api_key: `os.environ/${standard}` }],
      envVars: [
        {
          name: standard,
          purpose: `the ${entry.displayName} key (the profile ${quoted(profile.name)} has none stored, so Switchyard reads this variable too)`,
        },
      ],
    };
  if (!local) {
    const name = `${envBase}_API_KEY`;
    return {
      credentials: [{ api_key: `os.environ/${name}` }],
      envVars: [{ name, purpose: `the key of the profile ${quoted(profile.name)} (none is stored in Switchyard)` }],
    };
  }
  // LiteLLM's OpenAI and Anthropic clients refuse to start without some key, even for a server that takes none.
  return {
    credentials: [{ api_key: entry.defaultKey ?? 'no-key' }],
    envVars: [],
    credentialComment: 'a placeholder, not a secret: this server takes no key',
  };
}

function withBase(params: LitellmParams, base: string, route: LitellmRoute): LitellmParams {
  if (route.defaultBase && trimUrl(base) === route.defaultBase) return params;
  return { ...params, api_base: trimUrl(base) };
}

function loopbackNote(base: string): string[] {
  return isLoopbackUrl(base)
    ? [
        `api_base ${plainText(trimUrl(base))} is this computer; on the gateway it means the gateway machine itself: point it at the machine that runs the server.`,
      ]
    : [];
}

/** Behaviour Switchyard adds per provider that LiteLLM will not repeat. */
function adapterNotes(profile: Profile, entry: CatalogEntry): string[] {
  const notes: string[] = [];
  const headerNames = Object.keys(profile.extraHeaders);
  if (headerNames.length > 0)
    notes.push(
      `sends extra headers (${plainText(headerNames.join(', '))}); they are not exported because header values can be secrets: add them on the gateway (LiteLLM's extra_headers).`,
    );
  if (entry.headers)
    notes.push(
      `${entry.displayName} expects the header ${plainText(Object.keys(entry.headers).join(', '))}, which Switchyard sends and LiteLLM does not.`,
    );
  if (entry.signIn && profile.keySlots.length === 0)
    notes.push(
      `${entry.displayName} can also sign in with an account (OAuth tokens in the environment); LiteLLM needs an API key in the variable named here.`,
    );
  if (entry.mergeSystemIntoUser)
    notes.push(
      `Switchyard folds the system prompt into the first user message for ${entry.displayName}; LiteLLM sends it as a system message.`,
    );
  return notes;
}

function signIn(prefix: string, service: string, extraNotes: string[]): ProfileRoute {
  return {
    paramsFor: (model) => ({ model: `${prefix}/${model}` }),
    credentials: [{}],
    envVars: [],
    notes: [
      `signs in to ${service} with an account, not a key: LiteLLM's ${prefix}/ route runs its own sign-in (a device code) on the gateway the first time; Switchyard's sign-in stays on this computer.`,
      ...extraNotes,
    ],
  };
}

function azure(profile: Profile, entry: CatalogEntry, envBase: string): ProfileRoute {
  // env: {} — the export describes the profile, not this machine's environment.
  const { endpoint, deployment, apiVersion, auth } = azureEndpoint({ baseUrl: profile.baseUrl, options: profile.options, env: {} });
  const configured = Boolean(text(profile.baseUrl) || text(profile.options.resource));
  const envVars: EnvVar[] = configured
    ? []
    : [
        {
          name: 'AZURE_API_BASE',
          purpose: `the Azure OpenAI endpoint of the profile ${quoted(profile.name)} (https://<resource>.openai.azure.com)`,
        },
      ];
  const notes = configured
    ? []
    : ['has no Azure endpoint or resource set (Switchyard reads AZURE_OPENAI_RESOURCE): api_base comes from AZURE_API_BASE.'];
  const bearer = auth === 'bearer';
  const fromSlots = slotCredentials(
    profile,
    envBase,
    bearer ? 'azure_ad_token' : 'api_key',
    bearer ? 'AZURE_AD_TOKEN' : 'API_KEY',
    bearer ? 'Entra ID token' : 'key',
  );
  const credentials = fromSlots ?? {
    credentials: [{ api_key: 'os.environ/AZURE_API_KEY' }],
    envVars: [{ name: 'AZURE_API_KEY', purpose: `the Azure OpenAI key (the profile ${quoted(profile.name)} has none stored)` }],
  };
  if (bearer)
    notes.push(
      'uses an Entra ID token, which expires within hours: on the gateway prefer LiteLLM fetching tokens itself (tenant_id, client_id, client_secret).',
    );
  return {
    paramsFor: (model) => ({
      model: `azure/${deployment ?? model}`,
      api_base: configured ? endpoint : 'os.environ/AZURE_API_BASE',
      api_version: apiVersion || AZURE_DEFAULT_API_VERSION,
    }),
    credentials: credentials.credentials,
    envVars: [...envVars, ...credentials.envVars],
    notes: [...notes, ...adapterNotes(profile, entry)],
  };
}

function bedrock(profile: Profile, entry: CatalogEntry, envBase: string): ProfileRoute {
  const region = text(profile.options.region);
  const awsProfile = text(profile.options.awsProfile);
  const endpoint = text(profile.baseUrl);
  const fromSlots = slotCredentials(profile, envBase, 'api_key', 'API_KEY', 'Bedrock API key');
  const envVars: EnvVar[] = [];
  if (!fromSlots && !awsProfile)
    envVars.push(
      {
        name: 'AWS_ACCESS_KEY_ID',
        purpose: 'AWS credentials for Bedrock, with AWS_SECRET_ACCESS_KEY (or any source boto3 reads: an instance role, ~/.aws)',
      },
      { name: 'AWS_SECRET_ACCESS_KEY', purpose: 'the secret of AWS_ACCESS_KEY_ID' },
    );
  if (!region)
    envVars.push({
      name: 'AWS_REGION',
      purpose: `the Bedrock region, for the profile ${quoted(profile.name)} has none set (Switchyard reads AWS_REGION too, else the AWS config, else us-east-1)`,
    });
  return {
    paramsFor: (model) => ({
      model: `bedrock/${model}`,
      aws_region_name: region ?? 'os.environ/AWS_REGION',
      ...(awsProfile && !fromSlots && { aws_profile_name: awsProfile }),
      ...(endpoint && { aws_bedrock_runtime_endpoint: trimUrl(endpoint) }),
    }),
    credentials: fromSlots?.credentials ?? [{}],
    envVars: [...envVars, ...(fromSlots?.envVars ?? [])],
    notes: adapterNotes(profile, entry),
  };
}

/** How one profile is exported, or why it cannot be. `envBase` names its variables (SWITCHYARD_WORK). */
export function exportProfile(profile: Profile, envBase: string): ProfileExport {
  let resolved: ReturnType<typeof resolveProviderKey>;
  try {
    resolved = resolveProviderKey(profile.providerKey);
  } catch {
    return { unsupported: `its provider ${quoted(profile.providerKey)} is not one Switchyard knows` };
  }
  const { entry } = resolved;
  const base = trimUrl(text(profile.baseUrl) ?? resolved.baseUrl);
  const local = entry.local || isLoopbackUrl(base);
  switch (entry.adapter) {
    case 'cli':
      return { unsupported: `${entry.displayName} runs a command-line tool on this computer, which a gateway cannot call` };
    case 'copilot':
      return signIn('github_copilot', 'GitHub Copilot', [
        ...(text(profile.options.githubHost)
          ? [`its GitHub Enterprise host (${plainText(text(profile.options.githubHost)!)}) is not carried over.`]
          : []),
        ...adapterNotes(profile, entry),
      ]);
    case 'openai-codex':
      return signIn('chatgpt', 'ChatGPT (Codex)', [
        ...(text(profile.options.reasoningEffort)
          ? [
              `its reasoning effort (${plainText(text(profile.options.reasoningEffort)!)}) is not carried over; clients can send reasoning_effort.`,
            ]
          : []),
        ...adapterNotes(profile, entry),
      ]);
    case 'azure-openai':
      return azure(profile, entry, envBase);
    case 'bedrock':
      return bedrock(profile, entry, envBase);
    case 'ollama': {
      const keyed = slotCredentials(profile, envBase, 'api_key', 'API_KEY', 'key');
      const think = profile.options.think;
      return {
        paramsFor: (model) => ({ model: `ollama_chat/${model}`, api_base: base }),
        credentials: keyed?.credentials ?? [{}],
        envVars: keyed?.envVars ?? [],
        notes: [
          ...loopbackNote(base),
          ...(typeof think === 'boolean' ? [`its “think” option (${think ? 'on' : 'off'}) is not carried over.`] : []),
        ],
      };
    }
    case 'gemini': {
      const route = NATIVE_ROUTES.gemini!;
      const signsIn = profile.keySlots.length === 0 && Boolean(text(profile.options.oauthCredsPath) || text(profile.options.project));
      return {
        paramsFor: (model) => withBase({ model: `gemini/${model}` }, base, route),
        ...keyCredentials(profile, entry, envBase, false),
        notes: [
          ...(signsIn
            ? ['signs in with a Google account (the Gemini CLI sign-in); LiteLLM’s gemini/ route needs an API key instead.']
            : []),
          ...adapterNotes(profile, entry),
        ],
      };
    }
    default: {
      // anthropic and anthropic-custom speak Anthropic's API; everything else is OpenAI-compatible.
      const route =
        entry.adapter === 'anthropic'
          ? (NATIVE_ROUTES[entry.key] ?? { prefix: 'anthropic' })
          : (NATIVE_ROUTES[entry.key] ?? OPENAI_COMPATIBLE);
      return {
        paramsFor: (model) => withBase({ model: `${route.prefix}/${model}` }, base, route),
        ...keyCredentials(profile, entry, envBase, local),
        notes: [...loopbackNote(base), ...adapterNotes(profile, entry)],
      };
    }
  }
}
