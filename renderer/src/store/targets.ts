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
  const { profiles } = await api.invoke('profiles.list', {}).catch(() => ({ profiles: [] }));
  for (const profile of profiles) {
    const models = [profile.defaultModel, ...(profile.recentModels ?? [])].filter((model): model is string => Boolean(model));
    options.push({ kind: 'profile', key: `profile:${profile.id}`, id: profile.id, group: 'Providers', label: profile.name, models: [...new Set(models)], local: false });
  }
  return { options };
}
