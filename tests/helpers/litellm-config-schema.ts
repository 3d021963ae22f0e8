// A JSON schema for LiteLLM's proxy config.yaml, written by hand from LiteLLM's own Pydantic types in
// its public repository (BerriAI/litellm), so the LiteLLM export can be checked without LiteLLM:
//
//   litellm/proxy/_types.py   at 00025c847316ae5d1e0d453e53d204e81f710c3e
//       ConfigYAML (the file's top level), ConfigGeneralSettings (general_settings),
//       ModelParams (a model_list entry), ModelInfo (model_info, extra="allow")
//   litellm/types/router.py   at 0044fbecee0c76affc468f39b4f29da782eb4961
//       UpdateRouterConfig (router_settings, the type ConfigYAML gives it), RetryPolicy,
//       CredentialLiteLLMParams + GenericLiteLLMParams + LiteLLM_Params (litellm_params) and
//       LiteLLMParamsTypedDict (the deployment keys it adds: order, weight, cooldown_time, …)
//   litellm/types/utils.py    at 001c64f24845167b8fcd01f3e48152923627d4c7
//       LlmProviders (the provider routes, `<provider>/<model>`), CustomPricingLiteLLMParams
//
// Where LiteLLM's types are open (litellm_settings and environment_variables are plain dicts,
// model_info allows extra keys) the schema is open too. Elsewhere it is closed: Pydantic ignores a
// key it does not know, so a misspelt setting would be dropped silently by LiteLLM; here it fails.

/** LlmProviders in litellm/types/utils.py: the `<provider>/` routes LiteLLM has. */
export const LITELLM_PROVIDERS = [
  'openai', 'chatgpt', 'openai_like', 'jina_ai', 'xai', 'zai', 'custom_openai', 'text-completion-openai', 'cohere', 'cohere_chat', 'clarifai',
  'anthropic', 'anthropic_text', 'bytez', 'replicate', 'reducto', 'runwayml', 'aws_polly', 'huggingface', 'together_ai', 'openrouter', 'datarobot',
  'vertex_ai', 'vertex_ai_beta', 'gemini', 'ai21', 'baseten', 'black_forest_labs', 'azure', 'azure_text', 'azure_ai', 'sagemaker', 'sagemaker_chat',
  'sagemaker_nova', 'bedrock', 'vllm', 'nlp_cloud', 'petals', 'oobabooga', 'ollama', 'ollama_chat', 'deepinfra', 'perplexity', 'mistral', 'milvus',
  'groq', 'a2a', 'gigachat', 'nvidia_nim', 'nvidia_riva', 'soniox', 'cerebras', 'ai21_chat', 'volcengine', 'codestral', 'text-completion-codestral',
  'dashscope', 'modelscope', 'moonshot', 'publicai', 'v0', 'morph', 'lambda_ai', 'inception', 'text-completion-inception', 'deepseek', 'sambanova',
  'maritalk', 'voyage', 'cloudflare', 'xinference', 'fireworks_ai', 'friendliai', 'featherless_ai', 'watsonx', 'watsonx_text', 'triton', 'predibase',
  'databricks', 'empower', 'github', 'ragflow', 'compactifai', 'docker_model_runner', 'custom', 'litellm_proxy', 'hosted_vllm', 'tencent', 'llamafile',
  'lm_studio', 'galadriel', 'nebius', 'infinity', 'deepgram', 'elevenlabs', 'novita', 'aiohttp_openai', 'langfuse', 'humanloop', 'topaz', 'sap',
  'assemblyai', 'charity_engine', 'github_copilot', 'snowflake', 'gradient_ai', 'meta_llama', 'nscale', 'pg_vector', 's3_vectors', 'helicone',
  'hyperbolic', 'recraft', 'fal_ai', 'stability', 'heroku', 'aiml', 'cometapi', 'oci', 'auto_router', 'vercel_ai_gateway', 'dotprompt', 'manus',
  'wandb', 'ovhcloud', 'scaleway', 'lemonade', 'amazon_nova', 'a2a_agent', 'langgraph', 'langflow', 'minimax', 'synthetic', 'apertis', 'nano-gpt',
  'poe', 'chutes', 'neosantara', 'parasail', 'xiaomi_mimo', 'tensormesh', 'libertai', 'pinstripes', 'darkbloom', 'meta', 'litellm_agent', 'cursor',
  'bedrock_mantle', 'gdc',
] as const;

// `-` needs no escape outside a character class (and may not have one in a unicode pattern).
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Schema = Record<string, unknown>;
const string: Schema = { type: 'string' };
const integer: Schema = { type: 'integer' };
const number: Schema = { type: 'number' };
const boolean: Schema = { type: 'boolean' };
const stringOrNumber: Schema = { type: ['string', 'number'] };
const any: Schema = {};

function closed(properties: Record<string, Schema>, required: string[] = []): Schema {
  return { type: 'object', properties, required, additionalProperties: false };
}

/** CredentialLiteLLMParams (router.py). */
const credentialParams: Record<string, Schema> = Object.fromEntries(
  [
    'api_key', 'api_base', 'api_version', 'azure_ad_token', 'tenant_id', 'client_id', 'client_secret', 'azure_scope', 'azure_username', 'azure_password',
    'vertex_project', 'vertex_location', 'region_name', 'gcs_bucket_name', 'bucket_name', 'aws_access_key_id', 'aws_secret_access_key',
    'aws_session_token', 'aws_region_name', 'aws_session_name', 'aws_profile_name', 'aws_role_name', 'aws_web_identity_token', 'aws_sts_endpoint',
    'aws_external_id', 'aws_bedrock_runtime_endpoint', 'aws_bedrock_project_id', 's3_bucket_name', 's3_endpoint_url', 's3_region_name',
    's3_access_key_id', 's3_secret_access_key', 's3_encryption_key_id', 's3_bucket_owner', 'aws_batch_role_arn', 's3_output_bucket_name',
    'watsonx_region_name',
  ].map((key) => [key, string]),
);

/** GenericLiteLLMParams (router.py) and the pricing fields it inherits (utils.py), typed where LiteLLM types them. */
const genericParams: Record<string, Schema> = {
  vertex_credentials: { type: ['string', 'object'] },
  aws_session_tags: { type: 'array' },
  bedrock_tags: { type: 'array' },
  custom_llm_provider: string,
  tpm: integer,
  rpm: integer,
  itpm: integer,
  otpm: integer,
  timeout: stringOrNumber,
  stream_timeout: stringOrNumber,
  max_retries: integer,
  drop_params: { type: ['boolean', 'string'] },
  organization: string,
  configurable_clientside_auth_params: { type: 'array' },
  litellm_credential_name: string,
  provider_affinity_header: string,
  litellm_trace_id: string,
  max_file_size_mb: number,
  default_api_key_tpm_limit: integer,
  default_api_key_rpm_limit: integer,
  max_budget: number,
  budget_duration: string,
  keepalive_seconds: number,
  allow_client_keepalive_override: boolean,
  use_in_pass_through: boolean,
  use_litellm_proxy: boolean,
  use_chat_completions_api: boolean,
  use_xai_oauth: boolean,
  merge_reasoning_content_in_choices: boolean,
  model_info: { type: 'object' },
  mock_response: any,
  tags: { type: 'array', items: string },
  tag_regex: { type: 'array', items: string },
  input_cost_per_token: number,
  output_cost_per_token: number,
  input_cost_per_second: number,
  output_cost_per_second: number,
  // LiteLLMParamsTypedDict adds these deployment keys.
  order: integer,
  weight: integer,
  max_parallel_requests: integer,
  num_retries: integer,
  cooldown_time: number,
};

/** RetryPolicy (router.py): retries per exception class. */
const retryPolicy = closed(
  Object.fromEntries(
    ['BadRequestErrorRetries', 'AuthenticationErrorRetries', 'TimeoutErrorRetries', 'RateLimitErrorRetries', 'ContentPolicyViolationErrorRetries', 'InternalServerErrorRetries', 'ServiceUnavailableErrorRetries', 'NotFoundErrorRetries', 'DefaultRetries'].map((key) => [key, { type: 'integer', minimum: 0 }]),
  ),
);

/** UpdateRouterConfig (router.py): what router_settings may hold. */
const routerSettings = closed({
  routing_strategy_args: { type: 'object' },
  routing_strategy: string,
  routing_groups: { type: 'array' },
  retry_policy: retryPolicy,
  model_group_retry_policy: { type: 'object', additionalProperties: retryPolicy },
  model_group_affinity_config: { type: 'object', additionalProperties: { type: 'array', items: string } },
  allowed_fails: { type: 'integer', minimum: 0 },
  cooldown_time: { type: 'number', minimum: 0 },
  num_retries: { type: 'integer', minimum: 0 },
  timeout: { type: 'number', exclusiveMinimum: 0 },
  max_retries: integer,
  retry_after: number,
  // list[dict]: each entry maps one model group to the groups it falls back to, in order.
  fallbacks: { type: 'array', items: { type: 'object', minProperties: 1, maxProperties: 1, additionalProperties: { type: 'array', items: string, minItems: 1 } } },
  context_window_fallbacks: { type: 'array', items: { type: 'object' } },
  // dict[str, str | dict]: the dict form is {model, hidden}.
  model_group_alias: { type: 'object', additionalProperties: { oneOf: [string, closed({ model: string, hidden: boolean }, ['model'])] } },
  enable_tag_filtering: boolean,
  weights: { type: 'object' },
  tag_routing_prefix: string,
  optional_pre_call_checks: { type: 'array', items: { enum: ['prompt_caching', 'router_budget_limiting', 'responses_api_deployment_check', 'deployment_affinity', 'session_affinity', 'forward_client_headers_by_model_group', 'enforce_model_rate_limits', 'encrypted_content_affinity'] } },
});

/** ConfigGeneralSettings (_types.py): every field it documents; master_key typed, the rest any. */
const generalSettings = closed({
  ...Object.fromEntries(
    [
      'completion_model', 'key_management_system', 'use_google_kms', 'use_azure_key_vault', 'database_url', 'database_connection_pool_limit',
      'database_connection_timeout', 'database_type', 'database_args', 'otel', 'custom_auth', 'max_parallel_requests', 'global_max_parallel_requests',
      'max_request_size_mb', 'max_response_size_mb', 'infer_model_from_keys', 'background_health_checks', 'health_check_interval',
      'health_check_concurrency', 'alerting', 'alert_types', 'alert_to_webhook_url', 'alerting_args', 'alerting_threshold', 'ui_access_mode',
      'allowed_routes', 'reject_clientside_metadata_tags', 'enable_public_model_hub', 'pass_through_endpoints', 'user_header_name',
      'user_header_mappings', 'supported_db_objects', 'user_mcp_management_mode', 'store_prompts_in_spend_logs', 'maximum_spend_logs_retention_period',
      'mcp_internal_ip_ranges', 'mcp_trusted_proxy_ranges', 'store_model_in_db', 'forward_client_headers_to_llm_api', 'mcp_required_fields',
    ].map((key) => [key, any]),
  ),
  master_key: string,
});

/** ConfigYAML (_types.py), with ModelParams for model_list and LiteLLM_Params for litellm_params. */
export const litellmConfigSchema: Schema = closed({
  environment_variables: { type: 'object', additionalProperties: string },
  model_list: {
    type: 'array',
    items: closed(
      {
        model_name: { type: 'string', minLength: 1 },
        litellm_params: closed(
          {
            // `<provider>/<model>` with a provider from LlmProviders.
            model: { type: 'string', pattern: `^(?:${LITELLM_PROVIDERS.map(escape).join('|')})/\\S` },
            ...credentialParams,
            ...genericParams,
          },
          ['model'],
        ),
        model_info: { type: 'object' },
      },
      ['model_name', 'litellm_params'],
    ),
  },
  litellm_settings: { type: 'object' },
  general_settings: generalSettings,
  router_settings: routerSettings,
});
