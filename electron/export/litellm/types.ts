// The shapes the LiteLLM export passes between its steps: deployments (model_list entries), the
// environment variables the gateway needs, and notes on what LiteLLM cannot express.

/** litellm_params of one deployment. Keys are LiteLLM's names; secrets only as os.environ/NAME. */
export type LitellmParams = Record<string, string | number>;

export interface EnvVar {
  name: string;
  /** What to put there, in words ("key slot 1 of the profile “Work OpenAI”"). */
  purpose: string;
}

/** Something Switchyard does that the exported file cannot say; written as a YAML comment too. */
export interface Note {
  /** Where it applies: a chain, a profile, a route, or ALL_CHAINS (written above router_settings). */
  where: string;
  text: string;
}

export interface Deployment {
  modelName: string;
  params: LitellmParams;
  /** Comment lines written above the entry (one line each, already safe for a YAML comment). */
  comments: string[];
  /** Comments written after a litellm_params value, by key. */
  inline?: Record<string, string>;
}

/** One chain as LiteLLM model groups: the first group answers, the others are its fallbacks. */
export interface ChainGroups {
  chainId: string;
  chainName: string;
  groups: string[];
}

/** The `where` of a note about every exported chain. */
export const ALL_CHAINS = 'all chains';
