// `switchyard export litellm [--out FILE]`: chains and routes as a LiteLLM proxy config.yaml for a
// team gateway. Without --out the YAML goes to stdout and everything else to stderr, so it pipes.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../errors';
import { envVarLines, exportLitellm, type LitellmExport } from '../export/litellm';
import { appVersion } from '../version';
import { EXIT_CODES } from './exit-codes';
import { runWithHost } from './host';

/** What to do after the file: the variables to set and what LiteLLM does differently. */
export function litellmReport(result: LitellmExport, file: string): string[] {
  return [
    '',
    `Set these environment variables on the gateway, then run: litellm --config ${file}`,
    ...envVarLines(result.envVars),
    '',
    `What LiteLLM does differently or not at all (${result.notes.length}, also written as comments in the file):`,
    ...result.notes.map((note) => `  - ${note.where}: ${note.text}`),
  ];
}

export function registerExportCommands(program: Command): void {
  const exporter = program.command('export').description('carry chains and routes to other tools');
  exporter
    .command('litellm')
    .description('write the chains and routes as a LiteLLM proxy config.yaml (keys only as os.environ/NAME references)')
    .option('-o, --out <file>', 'where to write the YAML (default: print it to stdout)')
    .action((options: { out?: string }) =>
      runWithHost(async (ctx) => {
        const config = await ctx.config.read();
        let result: LitellmExport;
        try {
          result = exportLitellm(config, { version: appVersion });
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'nothing_to_export') throw error;
          // The reasons each chain was left out follow the message, one per line.
          console.error(
            [`switchyard: ${error.message}`, ...((error.details?.notes as string[] | undefined) ?? []).map((note) => `  - ${note}`)].join(
              '\n',
            ),
          );
          process.exitCode = EXIT_CODES.other;
          return;
        }
        const summary = `${result.chains} chain${result.chains === 1 ? '' : 's'}, ${result.routes} route${result.routes === 1 ? '' : 's'}, ${result.models} model deployment${result.models === 1 ? '' : 's'}; no key is included.`;
        if (options.out) {
          await writeFile(options.out, result.content);
          console.log([`Wrote ${options.out}: ${summary}`, ...litellmReport(result, options.out)].join('\n'));
        } else {
          process.stdout.write(result.content);
          console.error([`LiteLLM configuration: ${summary}`, ...litellmReport(result, result.filename)].join('\n'));
        }
      }),
    );
}
