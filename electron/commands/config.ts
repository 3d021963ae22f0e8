// `switchyard config path|export|import`: the configuration file, without secrets.
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { exportConfig, importConfig } from '../config/export';
import { configStore } from '../config/store';
import { reportError } from './exit-codes';
import { cliHost } from './host';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('the configuration (profiles, chains, routes, settings)');
  config
    .command('path')
    .description('print the data folder and the config file')
    .action(() => {
      const ctx = cliHost();
      console.log(ctx.use(configStore).file);
    });
  config
    .command('export')
    .description('write the configuration to a JSON file (no keys)')
    .argument('<file>', 'where to write')
    .action(async (file: string) => {
      const ctx = cliHost();
      try {
        await writeFile(file, exportConfig(await ctx.use(configStore).read()).content, { mode: 0o600 });
        console.log(`Exported to ${file} (no keys are included).`);
      } catch (error) {
        process.exitCode = reportError(error);
      } finally {
        await ctx.dispose();
      }
    });
  config
    .command('import')
    .description('import an exported configuration; every problem is reported and nothing changes unless all is well')
    .argument('<file>', 'the exported JSON file')
    .action(async (file: string) => {
      const ctx = cliHost();
      try {
        const content = await readFile(file, 'utf8');
        let summary;
        await ctx.use(configStore).update((current) => {
          const result = importConfig(current, content);
          summary = result.summary;
          return result.config;
        });
        const s = summary as unknown as { profiles: number; chains: number; routes: number; needKeys: string[] };
        console.log(`Imported ${s.profiles} profiles, ${s.chains} chains, ${s.routes} routes.`);
        if (s.needKeys.length) console.log(`Add keys again for: ${s.needKeys.join(', ')} (switchyard keys set <profile>).`);
      } catch (error) {
        const problems = (error as { details?: { problems?: string[] } }).details?.problems;
        if (problems) for (const p of problems) console.error(`  - ${p}`);
        process.exitCode = reportError(error);
      } finally {
        await ctx.dispose();
      }
    });
}
