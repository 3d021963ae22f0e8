// The CLI family: Claude Code, Gemini CLI and Kilo run headless on this machine with their own
// sign-in; the answer is what the tool prints.
import { z } from 'zod';
import { defineFamily } from '../core/family';
import { numberOption } from '../core/options';
import { CliProvider } from './cli-provider';
import { CLI_DEFAULT_TIMEOUT_MS } from './runner';
import { CLI_INVOCATIONS } from './tools';

export const cli = defineFamily({
  kinds: ['cli'],
  options: z.object({
    timeoutMs: numberOption({
      label: 'Timeout (ms)',
      placeholder: String(CLI_DEFAULT_TIMEOUT_MS),
      help: 'How long one answer may take before the tool is stopped.',
      advanced: true,
    }),
  }),
  keyField: false,
  note: (entry) =>
    `${entry.displayName} runs its command-line tool on this computer with that tool's own sign-in, so no key is needed here. Switchyard looks for it at \`${entry.envVars[0]}\`, then on PATH.`,
  create: ({ entry, settings, options }) =>
    new CliProvider({ key: entry.key, invocation: CLI_INVOCATIONS[entry.key]!, env: settings.env, timeoutMs: options.timeoutMs }),
});
