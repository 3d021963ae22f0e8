// The three CLI tools and how each is invoked headless, checked against their public docs
// (seed-auth-cli.md §5.3 found the seed's flags wrong for Gemini CLI and Kilo):
// - Claude Code: `claude -p --output-format text [--model M]`; with -p and no prompt argument it
//   reads the prompt from stdin. (The seed's trailing "-" could be taken as a literal prompt.)
// - Gemini CLI: piping a prompt into `gemini` runs it headless; `--output-format text`, `-m M`.
//   (The seed's `--print` is not a Gemini CLI flag.)
// - Kilo CLI: `kilo run --auto` is its non-interactive mode; the prompt is given on stdin. (The
//   seed's `kilo --print -` is not a Kilo command.) This one could not be checked against a real
//   install here; if a version wants the prompt as an argument, that is the place to change.
import type { CliTool } from './runner';

export const CLAUDE_CODE: CliTool = { name: 'Claude Code', binary: 'claude', pathEnv: 'CLAUDE_CODE_PATH', installHint: 'Install it with `npm install -g @anthropic-ai/claude-code` and sign in once with `claude`.' };
export const GEMINI_CLI: CliTool = { name: 'Gemini CLI', binary: 'gemini', pathEnv: 'GEMINI_CLI_PATH', installHint: 'Install it with `npm install -g @google/gemini-cli` and sign in once with `gemini`.' };
export const KILO_CLI: CliTool = { name: 'KiloCLI', binary: 'kilo', pathEnv: 'KILO_CLI_PATH', installHint: 'Install it with `npm install -g @kilocode/cli` and sign in once with `kilo`.' };

const withModel = (flag: string, model: string) => (model ? [flag, model] : []);

export const CLI_INVOCATIONS: Record<string, { tool: CliTool; args: (model: string) => string[] }> = {
  'claude-code': { tool: CLAUDE_CODE, args: (model) => ['-p', '--output-format', 'text', ...withModel('--model', model)] },
  'gemini-cli': { tool: GEMINI_CLI, args: (model) => ['--output-format', 'text', ...withModel('-m', model)] },
  kilocli: { tool: KILO_CLI, args: (model) => ['run', '--auto', ...withModel('--model', model)] },
};
