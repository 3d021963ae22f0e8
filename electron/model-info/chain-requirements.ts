// A chain can require capabilities (tools, image input…): every model it may answer with must have
// shown them in the probe. The dry run lists each target and fallback model that lacks one, has
// not been probed for it, or could not be judged, in words that say what to do.
import type { Capability } from '../../shared/types';
import type { HostContext } from '../host/context';
import type { Chain, Config } from '../config/schema';
import { capabilityStore } from './capability-store';

export const CAPABILITY_NAMES: Record<Capability, string> = {
  tools: 'native tool calls',
  vision: 'image input',
  json: 'JSON output',
  reasoning: 'reasoning',
  usage: 'streamed usage',
};

export async function capabilityWarnings(ctx: HostContext, chain: Chain, config: Config): Promise<string[]> {
  const requires = chain.requires ?? [];
  if (requires.length === 0) return [];
  const records = await ctx.use(capabilityStore).list();
  const warnings: string[] = [];
  chain.targets.forEach((target, i) => {
    const profileName = config.profiles.find((p) => p.id === target.profileId)?.name ?? 'a deleted profile';
    for (const model of [target.model, ...target.fallbackModels]) {
      const who = `Target ${i + 1} (${profileName} · ${model})`;
      const record = records.find((r) => r.profileId === target.profileId && r.model === model);
      if (!record) {
        warnings.push(
          `${who} has not been probed for ${requires.map((c) => CAPABILITY_NAMES[c]).join(', ')}: probe it on the Providers page.`,
        );
        continue;
      }
      const date = new Date(record.at).toISOString().slice(0, 10);
      for (const capability of requires) {
        const result = record.results.find((r) => r.capability === capability);
        if (!result) warnings.push(`${who} has not been probed for ${CAPABILITY_NAMES[capability]}: probe it on the Providers page.`);
        else if (result.verdict === 'no') warnings.push(`${who} lacks ${CAPABILITY_NAMES[capability]} (probed ${date}: ${result.detail}).`);
        else if (result.verdict === 'error')
          warnings.push(`${who}: the probe on ${date} could not tell whether it has ${CAPABILITY_NAMES[capability]}; probe it again.`);
      }
    }
  });
  return warnings;
}
