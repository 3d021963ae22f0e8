// A host with the gateway running on a free loopback port, one access token, and helpers to add
// profiles (OpenAI-compatible or Anthropic fakes) and chains. Keys for Anthropic fakes live in this
// run's memory (the in-memory opt-in), so no test needs a keychain.
import { gatewayService } from '../../electron/gateway/service';
import { createToken } from '../../electron/gateway/tokens';
import { saveChain } from '../../electron/services/chains';
import { createProfile, keychainProbe, setProfileKey } from '../../electron/services/profiles';
import { sharedCooldowns } from '../../electron/providers/cooldown';
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
