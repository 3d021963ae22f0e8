// The three CLI tools and how each is run headless. Every flag here was run against the real
// programs (pinned in tests/real-clis/, tests in tests/integration/providers/cli-real.test.ts); the
// seed's `<bin> --print [--model M] -` was right for none of them (seed-auth-cli.md §5.3).
// All three read the prompt from stdin, so it stays out of argv and `ps`. Their own tools are turned
// off: Switchyard uses them as a model (tools go in the prompt, see cli-provider.ts); an agent that
// edits files or runs commands on the user's machine in answer to a chat message is not that.
// - Claude Code: `-p` (print mode: reads stdin when no prompt argument is given); stream-json with
//   partial messages streams the answer as it arrives (`--verbose` is required with stream-json in
//   print mode); `--tools ""` offers the model no built-in tools and `--strict-mcp-config` (with no
//   --mcp-config) starts none of the user's MCP servers; `--no-session-persistence` leaves no
//   transcript behind for each call.
// - Gemini CLI: a piped stdin runs it headless; `--skip-trust`, because headless Gemini CLI refuses
//   to run in a folder the user has not trusted (exit 55), and it runs in an empty folder of ours;
//   stream-json streams the answer; the MCP allowlist names no real server, so the user's MCP
//   servers do not start. In headless mode it runs no tool that would need approval; its read-only
//   ones see only that empty folder.
// - Kilo: `kilo run`, the message from stdin; `--format json` for events; `--thinking` adds the
//   reasoning parts to them. Models are named "provider/model", checked before the run. No `--auto`: that approves every
//   tool call. KILO_PERMISSION (Kilo's runtime permission overlay) denies every tool instead, and
//   Kilo then offers the model none.
import { claudeCodeOutput, geminiCliOutput, kiloOutput, type CliOutputReader } from './output';
import type { CliTool } from './runner';

export const CLAUDE_CODE: CliTool = {
  name: 'Claude Code',
  binary: 'claude',
  pathEnv: 'CLAUDE_CODE_PATH',
  installHint: 'Install it with `npm install -g @anthropic-ai/claude-code` and sign in once with `claude`.',
};
export const GEMINI_CLI: CliTool = {
  name: 'Gemini CLI',
  binary: 'gemini',
  pathEnv: 'GEMINI_CLI_PATH',
  installHint: 'Install it with `npm install -g @google/gemini-cli` and sign in once with `gemini`.',
};
export const KILO_CLI: CliTool = {
  name: 'KiloCLI',
  binary: 'kilo',
  pathEnv: 'KILO_CLI_PATH',
  installHint: 'Install it with `npm install -g @kilocode/cli` and sign in once with `kilo auth login`.',
};

export interface CliInvocation {
  tool: CliTool;
  /** The arguments for a model ('' means the tool's own default). */
  args(model: string): string[];
  /** Variables set for the run, over the caller's environment. */
  env?: Record<string, string>;
  /** A reader for one run's output. */
  output(): CliOutputReader;
  /** Why this model name cannot work, said before the tool is started. */
  checkModel?(model: string): string | undefined;
}

const withModel = (flag: string, model: string) => (model ? [flag, model] : []);

/** Gemini CLI has no "no MCP servers" flag; an allowlist naming only a server nobody has does it (an empty name is refused). */
const NO_MCP_SERVER = 'switchyard-allows-no-mcp-server';

export const CLI_INVOCATIONS: Record<string, CliInvocation> = {
  'claude-code': {
    tool: CLAUDE_CODE,
    args: (model) => [
      '-p',
      '--output-format',
      'stream-json',
      '--verbose',
      '--include-partial-messages',
      '--tools',
      '',
      '--strict-mcp-config',
      '--no-session-persistence',
      ...withModel('--model', model),
    ],
    output: claudeCodeOutput,
  },
  'gemini-cli': {
    tool: GEMINI_CLI,
    args: (model) => [
      '--skip-trust',
      '--allowed-mcp-server-names',
      NO_MCP_SERVER,
      '--output-format',
      'stream-json',
      ...withModel('-m', model),
    ],
    output: geminiCliOutput,
  },
  kilocli: {
    tool: KILO_CLI,
    args: (model) => ['run', '--format', 'json', '--thinking', ...withModel('--model', model)],
    env: { KILO_PERMISSION: JSON.stringify({ '*': 'deny' }) },
    output: kiloOutput,
    // Without a provider Kilo fails only after starting up, with "Unexpected server error".
    checkModel: (model) =>
      model && !model.includes('/') ? `Kilo names models "provider/model", not "${model}"; \`kilo models\` lists them.` : undefined,
  },
};
