// `exportLitellm(config)`: the chains and routes of a Switchyard configuration as a LiteLLM proxy
// config.yaml, with the environment variables the gateway needs and notes on everything LiteLLM
// cannot express. Pure: it reads only the config (key slots are names, never values).
import type { Config } from '../../config/schema';
import { AppError } from '../../errors';
import { plainText } from './names';
import { MASTER_KEY_VAR, planExport } from './plan';
import type { EnvVar, Note } from './types';
import { writeLitellmYaml } from './yaml';

export type { EnvVar, Note } from './types';

export interface LitellmExport {
  filename: string;
  content: string;
  /** Variables to set on the gateway, in the order they first appear. */
  envVars: EnvVar[];
  /** What LiteLLM will do differently or not at all; each is also a comment in `content`. */
  notes: Note[];
  chains: number;
  routes: number;
  models: number;
}

export const LITELLM_FILENAME = 'litellm-config.yaml';

export function envVarLines(envVars: EnvVar[]): string[] {
  const width = Math.max(...envVars.map((v) => v.name.length));
  return envVars.map((v) => `  ${v.name.padEnd(width)}  ${plainText(v.purpose)}`);
}

export function exportLitellm(config: Config, options: { now?: Date; version?: string } = {}): LitellmExport {
  const plan = planExport(config);
  if (plan.chains.length === 0) {
    const why =
      config.chains.length === 0
        ? 'There are no chains yet: make one on the Chains page first.'
        : `None of the ${config.chains.length} chains can be exported.`;
    throw new AppError('nothing_to_export', `Nothing to export to LiteLLM. ${why}`, {
      notes: plan.notes.map((n) => `${n.where}: ${n.text}`),
    });
  }
  const date = (options.now ?? new Date()).toISOString().slice(0, 10);
  const header = [
    `LiteLLM proxy configuration exported by Switchyard${options.version ? ` ${options.version}` : ''} on ${date}: ${plan.chains.length} chain${plan.chains.length === 1 ? '' : 's'}, ${plan.routes} route${plan.routes === 1 ? '' : 's'}.`,
    `Run it with: litellm --config ${LITELLM_FILENAME}   (after setting the environment variables listed at the end)`,
    'No key is written here: each is an os.environ/NAME reference that LiteLLM reads when it starts.',
    'Comments say what Switchyard does that LiteLLM does differently or not at all (docs/team-gateway.md).',
    ...plan.headerNotes,
  ];
  const footer = [
    `Set these environment variables on the gateway (${MASTER_KEY_VAR} included) before starting LiteLLM:`,
    ...envVarLines(plan.envVars),
  ];
  return {
    filename: LITELLM_FILENAME,
    content: writeLitellmYaml(plan, { header, footer }),
    envVars: plan.envVars,
    notes: plan.notes,
    chains: plan.chains.length,
    routes: plan.routes,
    models: plan.deployments.length,
  };
}
