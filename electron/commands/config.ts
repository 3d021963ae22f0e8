// `switchyard config path|export|import`: the configuration file, without secrets.
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { exportConfig, importConfig, type ImportSummary } from '../services/config-export';
import { describeChanges } from '../services/key-binding';
import { cliHost, runWithHost } from './host';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('the configuration (profiles, chains, routes, settings)');
  config
    .command('path')
    .description('print the data folder and the config file')
    .action(() => {
      const ctx = cliHost();
      console.log(ctx.config.file);
    });
  config
    .command('export')
    .description('write the configuration to a JSON file (no keys)')
    .argument('<file>', 'where to write')
    .action((file: string) =>
      runWithHost(async (ctx) => {
        await writeFile(file, exportConfig(await ctx.config.read()).content, { mode: 0o600 });
        console.log(`Exported to ${file} (no keys are included).`);
      }),
    );
  config
    .command('import')
    .description('import an exported configuration; every problem is reported and nothing changes unless all is well')
    .argument('<file>', 'the exported JSON file')
    .action((file: string) =>
      runWithHost(async (ctx) => {
        const content = await readFile(file, 'utf8');
        let summary: ImportSummary | undefined;
        await ctx.config
          .update((current) => {
            const result = importConfig(current, content);
            summary = result.summary;
            return result.config;
          })
          .catch((error: unknown) => {
            for (const problem of (error as { details?: { problems?: string[] } }).details?.problems ?? []) console.error(`  - ${problem}`);
            throw error;
          });
        console.log(`Imported ${summary!.profiles} profiles, ${summary!.chains} chains, ${summary!.routes} routes.`);
        if (summary!.needKeys.length) console.log(`Add keys again for: ${summary!.needKeys.join(', ')} (switchyard keys set <profile>).`);
        for (const { profile, changes } of summary!.endpointChanges) {
          console.log(
            `Keys of ${profile} are on hold: ${describeChanges(changes)}. They are not sent until you run: switchyard keys confirm "${profile}"`,
          );
        }
      }),
    );
}
