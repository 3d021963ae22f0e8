// The `switchyard` command line. Each group of commands lives in ./commands/<group>.ts and adds
// itself to the program; this file only wires them up.
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands';
import { redactSecrets } from './secrets/redact';
import { keepServingOnStrayErrors } from './stray-errors';
import { appVersion } from './version';

export function buildProgram(): Command {
  const program = new Command()
    .name('switchyard')
    .description('Set up, test, chain, chat with and compare AI model providers. Keys stay in the OS keychain.')
    .version(appVersion, '-v, --version', 'print the Switchyard version')
    .showHelpAfterError('(run `switchyard --help` for the list of commands)');
  registerCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    console.error(`switchyard: ${redactSecrets(error instanceof Error ? error.message : String(error))}`);
    return 1;
  }
}

// Run when executed as the entry point (bin/switchyard.mjs, `npm run cli`), not when imported by tests.
const entry = process.argv[1] ?? '';
if (/(?:^|[\\/])(?:cli\.(?:ts|mjs)|switchyard(?:\.mjs)?)$/.test(entry)) {
  // A command that is still streaming or polling goes on; the exit code reports what it finished.
  keepServingOnStrayErrors('CLI');
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
