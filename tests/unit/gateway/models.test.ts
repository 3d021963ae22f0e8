import { describe, expect, it } from 'vitest';
import { defaultConfig, type Config } from '../../../electron/config/schema';
import { aliasFor, knownModelNames, resolveModelName } from '../../../electron/gateway/models';

function config(): Config {
  const base = defaultConfig();
  const profile = (id: string, name: string) => ({
    id,
    name,
    providerKey: 'openai',
    recentModels: [],
    extraHeaders: {},
    options: {},
    keySlots: [],
    createdAt: 0,
    updatedAt: 0,
  });
  base.profiles = [profile('p1', 'Work OpenAI'), { ...profile('p2', 'OpenRouter'), defaultModel: 'openai/gpt-4o' }];
  base.chains = [
    {
      id: 'c1',
      name: 'Everyday',
      targets: [{ profileId: 'p1', model: 'gpt-4o', fallbackModels: [] }],
      policy: { maxRetries: 2, baseBackoffMs: 500, maxBackoffMs: 10_000, retryAfterCapMs: 30_000, failureThreshold: 3, cooldownMs: 30_000 },
      createdAt: 0,
      updatedAt: 0,
    },
  ];
  base.routes = [{ id: 'r1', hint: 'fast', chainId: 'c1' }];
  base.gateway.aliases = {
    'claude-sonnet-*': 'chain:Everyday',
    'claude-sonnet-4-5-special': 'Work OpenAI/gpt-4.1',
    'claude-*': 'hint:fast',
    'broken-alias': 'nowhere',
  };
  return base;
}

describe('gateway model names', () => {
  it('reads <profile>/<model> by profile name, case or slug, or id', () => {
    expect(resolveModelName(config(), 'Work OpenAI/gpt-4o').target).toEqual({ kind: 'profile', profileId: 'p1', model: 'gpt-4o' });
    expect(resolveModelName(config(), 'work-openai/gpt-4o').target).toEqual({ kind: 'profile', profileId: 'p1', model: 'gpt-4o' });
    expect(resolveModelName(config(), 'p1/gpt-4o').resolvedAs).toBe('Work OpenAI/gpt-4o');
  });

  it('keeps slashes that belong to the model id', () => {
    expect(resolveModelName(config(), 'OpenRouter/openai/gpt-4o').target).toEqual({
      kind: 'profile',
      profileId: 'p2',
      model: 'openai/gpt-4o',
    });
  });

  it('reads chain:<name> and hint:<route>', () => {
    expect(resolveModelName(config(), 'chain:everyday')).toEqual({
      target: { kind: 'chain', chainId: 'c1' },
      resolvedAs: 'chain:Everyday',
    });
    expect(resolveModelName(config(), 'hint:fast')).toEqual({ target: { kind: 'route', hint: 'fast' }, resolvedAs: 'hint:fast' });
  });

  it('sends an aliased name on: exact first, then the longest prefix, then shorter ones', () => {
    expect(resolveModelName(config(), 'claude-sonnet-4-5-special').resolvedAs).toBe('Work OpenAI/gpt-4.1');
    expect(resolveModelName(config(), 'claude-sonnet-4-5-20250929').resolvedAs).toBe('chain:Everyday');
    expect(resolveModelName(config(), 'claude-haiku-4-5-20251001').resolvedAs).toBe('hint:fast');
    expect(aliasFor({ '*': 'chain:All' }, 'anything')).toBe('chain:All');
  });

  it('says how to name a model when nothing matches, and never follows an alias twice', () => {
    expect(() => resolveModelName(config(), 'gpt-4o')).toThrow(/no model "gpt-4o".*<profile>\/<model>/);
    expect(() => resolveModelName(config(), 'chain:Nope')).toThrow(/no chain is called "Nope"/);
    expect(() => resolveModelName(config(), 'hint:slow')).toThrow(/no route has the hint "slow"/);
    expect(() => resolveModelName(config(), 'broken-alias')).toThrow(/its alias "nowhere"/);
    const looping = config();
    looping.gateway.aliases = { a: 'b', b: 'a' };
    expect(() => resolveModelName(looping, 'a')).toThrow(/its alias "b"/);
  });

  it('lists aliases without wildcards, chains, routes and the models profiles have used', () => {
    expect(knownModelNames(config())).toEqual([
      'claude-sonnet-4-5-special',
      'broken-alias',
      'chain:Everyday',
      'hint:fast',
      'OpenRouter/openai/gpt-4o',
    ]);
  });
});
