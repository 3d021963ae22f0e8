// Everything chat and compare can target, read from the host: provider profiles (with the models
// they remember), chains and routes.
import { api } from '../api/client';

export type TargetOption =
  | { kind: 'profile'; key: string; id: string; group: string; label: string; models: string[]; local: boolean }
  | { kind: 'chain'; key: string; id: string; group: string; label: string }
  | { kind: 'route'; key: string; id: string; group: string; label: string };

export interface TargetChoices {
  options: TargetOption[];
}

export async function loadTargetChoices(): Promise<TargetChoices> {
  const options: TargetOption[] = [];
  const [{ profiles }, chains] = await Promise.all([api.invoke('profiles.list', {}).catch(() => ({ profiles: [] })), api.invoke('chains.list', {}).catch(() => ({ chains: [], routes: [], problems: [] }))]);
  for (const profile of profiles) {
    const models = [profile.defaultModel, ...profile.recentModels].filter((model): model is string => Boolean(model));
    options.push({ kind: 'profile', key: `profile:${profile.id}`, id: profile.id, group: 'Providers', label: `${profile.name}${profile.local ? ' (local)' : ''}`, models: [...new Set(models)], local: profile.local });
  }
  for (const chain of chains.chains) options.push({ kind: 'chain', key: `chain:${chain.id}`, id: chain.id, group: 'Chains', label: chain.name });
  for (const route of chains.routes) {
    const chain = chains.chains.find((c) => c.id === route.chainId);
    options.push({ kind: 'route', key: `route:${route.hint}`, id: route.hint, group: 'Routes', label: `hint:${route.hint}${chain ? ` → ${chain.name}` : ''}` });
  }
  return { options };
}
