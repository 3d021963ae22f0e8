// The LiteLLM export, checked against a JSON schema derived by hand from LiteLLM's own proxy config
// types (tests/helpers/litellm-config-schema.ts), taken from BerriAI/litellm:
//   litellm/proxy/_types.py  @ 00025c847316ae5d1e0d453e53d204e81f710c3e  (ConfigYAML, ConfigGeneralSettings, ModelParams)
//   litellm/types/router.py  @ 0044fbecee0c76affc468f39b4f29da782eb4961  (UpdateRouterConfig, RetryPolicy, LiteLLM_Params, LiteLLMParamsTypedDict)
//   litellm/types/utils.py   @ 001c64f24845167b8fcd01f3e48152923627d4c7  (LlmProviders, CustomPricingLiteLLMParams)
// LiteLLM reads config.yaml with PyYAML; where python3 has it, the file is also read with PyYAML.
import { execFileSync, spawnSync } from 'node:child_process';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Config } from '../../../electron/config/schema';
import { AppError } from '../../../electron/errors';
import { exportLitellm } from '../../../electron/export/litellm';
import { listProviders } from '../../../electron/providers/catalog';
import { LITELLM_PROVIDERS, litellmConfigSchema } from '../../helpers/litellm-config-schema';
import { teamConfig } from '../../helpers/team-config';

interface Deployment {
  model_name: string;
  litellm_params: Record<string, string | number>;
}
interface LitellmFile {
  model_list: Deployment[];
  router_settings: Record<string, unknown> & { fallbacks: Array<Record<string, string[]>>; model_group_alias: Record<string, string> };
  general_settings: { master_key: string };
}

const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(litellmConfigSchema);
const read = (content: string) => parse(content, { version: '1.1' }) as LitellmFile;
const NOW = new Date('2026-05-01T12:00:00Z');
const exported = () => exportLitellm(teamConfig(), { now: NOW, version: '0.1.0' });

function schemaErrors(file: unknown): string[] {
  return validate(file) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

function group(file: LitellmFile, name: string): Array<Deployment['litellm_params']> {
  return file.model_list.filter((d) => d.model_name === name).map((d) => d.litellm_params);
}

const hasPyYaml = spawnSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' }).status === 0;
function readWithPyYaml(content: string): unknown {
  return JSON.parse(
    execFileSync('python3', ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'], {
      input: content,
      encoding: 'utf8',
    }),
  );
}

describe('LiteLLM export', () => {
  it('writes a file LiteLLM’s own config types accept, for seven kinds of provider', () => {
    const file = read(exported().content);
    expect(schemaErrors(file)).toEqual([]);
    const routes = file.model_list.map((d) => String(d.litellm_params.model).split('/')[0]);
    expect(new Set(routes)).toEqual(new Set(['openai', 'anthropic', 'ollama_chat', 'gemini', 'bedrock', 'azure', 'github_copilot']));
    for (const route of routes) expect(LITELLM_PROVIDERS).toContain(route);
  });

  it.skipIf(!hasPyYaml)('reads the same with PyYAML, the parser LiteLLM uses', () => {
    const { content } = exported();
    expect(readWithPyYaml(content)).toEqual(read(content));
  });

  it('maps each provider to its LiteLLM route, with api_base only where it is not the default', () => {
    const file = read(exported().content);
    expect(group(file, 'resilient')).toEqual([
      {
        model: 'openai/gpt-4o-mini',
        api_key: 'os.environ/SWITCHYARD_WORK_OPENAI_API_KEY_1',
        order: 1,
        input_cost_per_token: 0.15e-6,
        output_cost_per_token: 0.6e-6,
      },
      {
        model: 'openai/gpt-4o-mini',
        api_key: 'os.environ/SWITCHYARD_WORK_OPENAI_API_KEY_2',
        order: 2,
        input_cost_per_token: 0.15e-6,
        output_cost_per_token: 0.6e-6,
      },
    ]);
    expect(group(file, 'resilient/attempt-2')).toEqual([
      { model: 'anthropic/claude-sonnet-4-5', api_key: 'os.environ/SWITCHYARD_ANTHROPIC_API_KEY' },
    ]);
    // The local-first chain has its own cooldown and timeout, written on each of its deployments.
    const own = { cooldown_time: 5, timeout: 20 };
    expect(group(file, 'local-first')).toEqual([{ model: 'ollama_chat/llama3.1:8b', api_base: 'http://127.0.0.1:11434', ...own }]);
    expect(group(file, 'local-first/attempt-2')).toEqual([
      {
        model: 'openai/qwen2.5-coder',
        api_base: 'https://llm.internal.example/v1',
        api_key: 'os.environ/SWITCHYARD_TEAM_VLLM_API_KEY',
        ...own,
      },
    ]);
    expect(group(file, 'local-first/attempt-3')).toEqual([
      { model: 'gemini/gemini-2.5-flash', api_key: 'os.environ/GEMINI_API_KEY', ...own },
    ]);
    expect(group(file, 'local-first/attempt-4')).toEqual([
      { model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0', aws_region_name: 'eu-central-1', ...own },
    ]);
    expect(group(file, 'local-first/attempt-5')).toEqual([
      {
        model: 'azure/gpt4o-prod',
        api_base: 'https://acme.openai.azure.com',
        api_version: '2024-10-21',
        api_key: 'os.environ/SWITCHYARD_AZURE_PROD_API_KEY',
        ...own,
      },
    ]);
    expect(group(file, 'local-first/attempt-6')).toEqual([{ model: 'github_copilot/gpt-4.1', ...own }]);
  });

  it('writes only provider routes LiteLLM has, for every provider Switchyard knows', () => {
    const config = teamConfig();
    const providers = listProviders();
    config.profiles = providers.map((p, i) => ({
      ...config.profiles[0]!,
      id: `p${i}`,
      name: p.displayName,
      providerKey: p.key,
      keySlots: [],
    }));
    config.chains = [
      { ...config.chains[0]!, targets: config.profiles.map((p) => ({ profileId: p.id, model: 'some-model', fallbackModels: [] })) },
    ];
    config.routes = [];
    const result = exportLitellm(config, { now: NOW });
    const file = read(result.content);
    expect(schemaErrors(file)).toEqual([]);
    // Every provider is exported except the three that run a program on this computer.
    const cli = providers.filter((p) => p.adapter === 'cli').map((p) => p.displayName);
    expect(file.model_list).toHaveLength(providers.length - cli.length);
    for (const name of cli) expect(result.notes.some((n) => n.text.startsWith(`“${name}” · some-model`))).toBe(true);
  });

  it('keeps a custom base URL and an Anthropic-compatible endpoint, and gives a keyless local server a placeholder', () => {
    const config = teamConfig();
    config.profiles.push(
      { ...config.profiles[0]!, id: 'p-gw', name: 'Gateway OpenAI', baseUrl: 'https://gw.example/v1', keySlots: [] },
      { ...config.profiles[0]!, id: 'p-ac', name: 'Claude proxy', providerKey: 'anthropic-custom:https://claude.example', keySlots: [] },
      { ...config.profiles[0]!, id: 'p-lm', name: 'LM Studio', providerKey: 'lmstudio', keySlots: [] },
    );
    config.chains = [
      { ...config.chains[0]!, targets: ['p-gw', 'p-ac', 'p-lm'].map((profileId) => ({ profileId, model: 'm', fallbackModels: [] })) },
    ];
    const result = exportLitellm(config, { now: NOW });
    const file = read(result.content);
    expect(schemaErrors(file)).toEqual([]);
    expect(file.model_list.map((d) => d.litellm_params)).toEqual([
      { model: 'openai/m', api_base: 'https://gw.example/v1', api_key: 'os.environ/OPENAI_API_KEY' },
      { model: 'anthropic/m', api_base: 'https://claude.example', api_key: 'os.environ/SWITCHYARD_CLAUDE_PROXY_API_KEY' },
      { model: 'lm_studio/m', api_base: 'http://127.0.0.1:1234/v1', api_key: 'lm-studio' },
    ]);
    expect(result.content).toMatch(/api_key: lm-studio # a placeholder, not a secret: this server takes no key/);
  });

  it('turns each chain into model groups in the engine’s order, with fallbacks, and routes into aliases', () => {
    const file = read(exported().content);
    expect(file.router_settings.fallbacks).toEqual([
      { resilient: ['resilient/attempt-2', 'resilient/attempt-3'] },
      {
        'local-first': [
          'local-first/attempt-2',
          'local-first/attempt-3',
          'local-first/attempt-4',
          'local-first/attempt-5',
          'local-first/attempt-6',
        ],
      },
      // LiteLLM looks fallbacks up by the requested name (BerriAI/litellm#10317): the routes repeat them.
      { 'hint:fast': ['resilient/attempt-2', 'resilient/attempt-3'] },
      {
        'hint:local': [
          'local-first/attempt-2',
          'local-first/attempt-3',
          'local-first/attempt-4',
          'local-first/attempt-5',
          'local-first/attempt-6',
        ],
      },
    ]);
    // Targets first, then fallback models (providers/reliable.ts attemptPlan): gpt-4o comes third.
    expect(group(file, 'resilient/attempt-3').map((p) => p.model)).toEqual(['openai/gpt-4o', 'openai/gpt-4o']);
    expect(file.router_settings.model_group_alias).toEqual({ 'hint:fast': 'resilient', 'hint:local': 'local-first' });
  });

  it('writes keys only as os.environ references and lists every variable to set', () => {
    const result = exported();
    const file = read(result.content);
    const values = result.content
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .join('\n');
    const referenced = new Set([...values.matchAll(/os\.environ\/([A-Z0-9_]+)/g)].map((m) => m[1]));
    expect(referenced.size).toBeGreaterThan(5);
    for (const deployment of file.model_list) {
      for (const field of ['api_key', 'azure_ad_token', 'aws_secret_access_key', 'aws_access_key_id']) {
        const value = deployment.litellm_params[field];
        if (value !== undefined) expect(String(value)).toMatch(/^os\.environ\/[A-Z0-9_]+$/);
      }
    }
    expect(file.general_settings.master_key).toBe('os.environ/LITELLM_MASTER_KEY');
    const listed = result.envVars.map((v) => v.name);
    for (const name of referenced) expect(listed).toContain(name);
    expect(listed).toEqual(
      expect.arrayContaining([
        'SWITCHYARD_WORK_OPENAI_API_KEY_1',
        'SWITCHYARD_WORK_OPENAI_API_KEY_2',
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'LITELLM_MASTER_KEY',
      ]),
    );
    // The file ends with the same list, for whoever opens it on the gateway.
    for (const name of listed) expect(result.content).toMatch(new RegExp(`^#\\s+${name}\\s`, 'm'));
  });

  it('writes retries per error class, cooldown and timeouts, with per-group settings for a chain that differs', () => {
    const settings = read(exported().content).router_settings;
    expect(settings).toMatchObject({ num_retries: 2, allowed_fails: 3, cooldown_time: 30 });
    expect(settings.retry_policy).toMatchObject({
      AuthenticationErrorRetries: 0,
      BadRequestErrorRetries: 0,
      NotFoundErrorRetries: 0,
      RateLimitErrorRetries: 2,
      InternalServerErrorRetries: 2,
      TimeoutErrorRetries: 2,
    });
    // Only "Local first" has a timeout, so none is global (it would bind "Resilient" too).
    expect(settings.timeout).toBeUndefined();
    const perGroup = settings.model_group_retry_policy as Record<string, Record<string, number>>;
    expect(Object.keys(perGroup)).toEqual([
      'local-first',
      'local-first/attempt-2',
      'local-first/attempt-3',
      'local-first/attempt-4',
      'local-first/attempt-5',
      'local-first/attempt-6',
    ]);
    expect(perGroup['local-first/attempt-4']).toMatchObject({ RateLimitErrorRetries: 1, AuthenticationErrorRetries: 0 });
  });

  it('puts a policy every chain shares in router_settings only', () => {
    const config = teamConfig();
    config.chains = config.chains.map((c) => ({
      ...c,
      policy: { ...c.policy, maxRetries: 4, cooldownMs: 1_500, attemptTimeoutMs: 45_000, deadlineMs: undefined },
    }));
    const file = read(exportLitellm(config, { now: NOW }).content);
    expect(file.router_settings).toMatchObject({ num_retries: 4, cooldown_time: 1.5, timeout: 45 });
    expect(file.router_settings.model_group_retry_policy).toBeUndefined();
    expect(file.model_list.every((d) => d.litellm_params.timeout === undefined && d.litellm_params.cooldown_time === undefined)).toBe(true);
  });

  it('writes what LiteLLM cannot express as a comment where it applies, and lists the same notes', () => {
    const result = exported();
    const comments = result.content
      .split('\n')
      .filter((line) => line.trimStart().startsWith('#'))
      .join('\n');
    for (const note of result.notes) expect(comments).toContain(note.text);
    const byWhere = (where: string) =>
      result.notes
        .filter((n) => n.where === where)
        .map((n) => n.text)
        .join('\n');
    expect(byWhere('all chains')).toMatch(/first token/);
    expect(byWhere('all chains')).toMatch(/quota/);
    expect(byWhere('all chains')).toMatch(/Retry-After for at most 30 s/);
    expect(byWhere('all chains')).toMatch(/up to 0.5 s, doubling to at most 10 s/);
    expect(byWhere('profile “Work OpenAI”')).toMatch(/rotates its 2 keys/);
    expect(byWhere('profile “Home Ollama”')).toMatch(/127\.0\.0\.1:11434 is this computer/);
    expect(byWhere('profile “Team vLLM”')).toMatch(/extra headers \(X-Team\)/);
    expect(byWhere('profile “Copilot”')).toMatch(/own sign-in/);
    expect(byWhere('chain “Local first”')).toMatch(/gives up after 60 s in total/);
    expect(byWhere('chain “Resilient”')).toMatch(/“Claude Code” · sonnet \(target 3\) is left out: .*command-line tool/);
    expect(byWhere('route hint:gone')).toMatch(/no longer exists/);
    // The deadline sits above the chain it belongs to, not somewhere else in the file.
    expect(result.content).toMatch(/# Chain “Local first”.*\n\s+# This chain gives up after 60 s/);
  });

  it('mentions a proxy set in Settings without writing its address', () => {
    const config = teamConfig();
    config.settings.proxyUrl = 'http://proxyuser:proxy-secret-42@proxy.corp.example:3128';
    const result = exportLitellm(config, { now: NOW });
    expect(result.notes).toContainEqual({ where: 'all chains', text: expect.stringMatching(/HTTPS_PROXY/) });
    expect(result.content).toMatch(/# Switchyard sends requests through the HTTP proxy/);
    expect(`${result.content}${JSON.stringify(result.notes)}`).not.toMatch(/proxy-secret-42|proxy\.corp\.example/);
  });

  it('keeps hostile names inside their comments and values', () => {
    const config = teamConfig();
    config.chains[0]!.name = 'on\r\nmaster_key: stolen\u2028# x';
    config.profiles[0]!.name = 'Work\u0085router_settings: {}\u001b[31m';
    config.chains[0]!.targets[0]!.model = '1:30 #not-a-comment';
    const result = exportLitellm(config, { now: NOW });
    const file = read(result.content);
    expect(schemaErrors(file)).toEqual([]);
    expect(Object.keys(file)).toEqual(['model_list', 'router_settings', 'general_settings']);
    expect(file.general_settings.master_key).toBe('os.environ/LITELLM_MASTER_KEY');
    expect(file.model_list[0]).toMatchObject({
      model_name: 'on-master_key-stolen-x',
      litellm_params: { model: 'openai/1:30 #not-a-comment' },
    });
    for (const bad of ['\r', '\u0085', '\u2028', '\u001b']) {
      expect(result.content).not.toContain(bad);
      expect(result.notes.map((n) => n.where + n.text).join('')).not.toContain(bad);
    }
    if (hasPyYaml) expect(readWithPyYaml(result.content)).toEqual(file);
  });

  it('says why when nothing can be exported', () => {
    expect(() => exportLitellm(Config.parse({ schemaVersion: 1 }))).toThrow(/no chains yet/);
    const config = teamConfig();
    config.chains = [{ ...config.chains[0]!, targets: [{ profileId: 'p-claude-code', model: 'sonnet', fallbackModels: [] }] }];
    try {
      exportLitellm(config);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('nothing_to_export');
      expect((error as AppError).details?.notes).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/“Claude Code” · sonnet .* is left out/),
          'chain “Resilient”: none of its targets can be called from a gateway, so it is not exported.',
        ]),
      );
    }
  });
});

describe('the LiteLLM schema derived from LiteLLM’s types', () => {
  const base = () => read(exported().content) as unknown as Record<string, unknown> & LitellmFile;

  it('rejects a litellm_params key LiteLLM does not know', () => {
    const file = base();
    file.model_list[0]!.litellm_params.api_keys = 'os.environ/X';
    expect(schemaErrors(file).join()).toMatch(/additionalProperty.*api_keys/);
  });

  it('rejects a router setting LiteLLM does not know', () => {
    const file = base();
    file.router_settings.cooldown_seconds = 30;
    expect(schemaErrors(file).join()).toMatch(/additionalProperty.*cooldown_seconds/);
  });

  it('rejects a retry-policy class LiteLLM does not have', () => {
    const file = base();
    (file.router_settings.retry_policy as Record<string, number>).QuotaErrorRetries = 0;
    expect(schemaErrors(file).join()).toMatch(/QuotaErrorRetries/);
  });

  it('rejects a top-level section LiteLLM does not read', () => {
    const file = base();
    file.routes = {};
    expect(schemaErrors(file).join()).toMatch(/additionalProperty.*routes/);
  });

  it('rejects a provider prefix LiteLLM does not have, and a model without one', () => {
    for (const model of ['opneai/gpt-4o', 'switchyard/gpt-4o', 'ollama:llama3', 'gpt-4o', 'openai/']) {
      const file = base();
      file.model_list[0]!.litellm_params.model = model;
      expect(schemaErrors(file).join(), model).toMatch(/litellm_params\/model must match pattern/);
    }
  });
});
