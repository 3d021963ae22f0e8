// A host with the gateway running on a free loopback port, one access token, and helpers to add
// profiles (OpenAI-compatible or Anthropic fakes) and chains; the official SDK clients pointed at
// it. Keys for Anthropic fakes live in this run's memory (the in-memory opt-in), so no test needs a
// keychain.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { gatewayService } from '../../electron/gateway/service';
import { createToken } from '../../electron/gateway/tokens';
import { saveChain } from '../../electron/services/chains';
import { createProfile, keychainProbe, setProfileKey } from '../../electron/services/profiles';
import { sharedCooldowns } from '../../electron/providers/cooldown';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai';
import { createTestHost, type TestHost } from './host';

export interface GatewayHost extends TestHost {
  baseUrl: string;
  port: number;
  token: string;
  addOpenAIProfile(name: string, baseUrl: string): Promise<string>;
  addAnthropicProfile(name: string, baseUrl: string): Promise<string>;
  addChain(name: string, targets: Array<{ profileId: string; model: string }>, policy?: Record<string, number>): Promise<string>;
  setGateway(patch: Record<string, unknown>): Promise<void>;
}

export async function startGatewayHost(): Promise<GatewayHost> {
  const host = await createTestHost();
  const { ctx } = host;
  sharedCooldowns.reset();
  ctx.use(keychainProbe).unavailable = true;
  await ctx.config.update((config) => {
    config.settings.allowInMemoryKeys = true;
  });
  const { token } = await createToken(ctx, 'tests');
  const server = await ctx.use(gatewayService).start(0);
  return {
    ...host,
    baseUrl: server.baseUrl,
    port: server.port,
    token,
    async addOpenAIProfile(name, baseUrl) {
      return (await createProfile(ctx, { name, providerKey: `custom:${baseUrl}` })).id;
    },
    async addAnthropicProfile(name, baseUrl) {
      const profile = await createProfile(ctx, { name, providerKey: `anthropic-custom:${baseUrl}` });
      await setProfileKey(ctx, profile.id, 0, 'sk-ant-upstream-0123456789abcdef');
      return profile.id;
    },
    async addChain(name, targets, policy = {}) {
      return (await saveChain(ctx, { name, targets, policy: { baseBackoffMs: 50, maxBackoffMs: 100, ...policy } })).id;
    },
    async setGateway(patch) {
      await ctx.config.update((config) => {
        config.gateway = { ...config.gateway, ...patch };
      });
    },
  };
}

/**
 * The gateway with one OpenAI-compatible fake behind it, saved as the profile `profileName`;
 * `cleanup()` closes the fake too.
 */
export async function startGatewayWithFake(profileName = 'Fake'): Promise<{ gw: GatewayHost; upstream: FakeOpenAI; profileId: string }> {
  const gw = await startGatewayHost();
  const upstream = await startFakeOpenAI();
  const profileId = await gw.addOpenAIProfile(profileName, upstream.baseUrl);
  const cleanupHost = gw.cleanup;
  gw.cleanup = async () => {
    await upstream.close();
    await cleanupHost();
  };
  return { gw, upstream, profileId };
}

/** The gateway's address and a token for it: a test host's, or a `switchyard gateway` process's. */
type GatewayAccess = { baseUrl: string; token: string };

/** The official openai client on the gateway; no retries, so a failure reaches the test as it came. */
export function openaiClient({ baseUrl, token }: GatewayAccess): OpenAI {
  return new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: token, maxRetries: 0 });
}

/** The official @anthropic-ai/sdk client on the gateway; no retries, as above. */
export function anthropicClient({ baseUrl, token }: GatewayAccess): Anthropic {
  return new Anthropic({ baseURL: baseUrl, apiKey: token, maxRetries: 0 });
}
