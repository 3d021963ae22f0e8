// `switchyard providers list`, `switchyard test <key|--profile>`, `switchyard chat <key|--profile> -m MODEL "prompt"`.
import type { Command } from 'commander';
import type { HostContext } from '../host/context';
import { listProviders } from '../providers/catalog';
import { ProviderError } from '../http/errors';
import { redactSecrets, StreamRedactor } from '../secrets/redact';
import { testConnection } from '../services/connection-test';
import { createProfile, getProfile } from '../services/profiles';
import { resolveTarget } from '../services/targets';
import { EXIT_CODES, reportError } from './exit-codes';
import { cliHost, withScratchHost } from './host';

interface TargetOptions {
  profile?: string;
  baseUrl?: string;
  model?: string;
}

/** Runs `fn` with a profile id: the named profile, or a scratch one for a provider key (env-var keys). */
async function withProfile<T>(
  providerKey: string | undefined,
  options: TargetOptions,
  fn: (ctx: HostContext, profileId: string) => Promise<T>,
): Promise<T> {
  if (options.profile) {
    const ctx = cliHost();
    try {
      return await fn(ctx, (await getProfile(ctx, options.profile)).id);
    } finally {
      await ctx.dispose();
    }
  }
  if (!providerKey) throw new Error('Name a provider key (for example `openai`) or a profile with --profile.');
  return withScratchHost(async (ctx) => {
    const profile = await createProfile(ctx, { name: providerKey, providerKey, baseUrl: options.baseUrl, defaultModel: options.model });
    return fn(ctx, profile.id);
  });
}

const VERDICT = { pass: '✓', warn: '!', fail: '✗', skipped: '·', running: '…' } as const;

export function registerProviderCommands(program: Command): void {
  const providers = program.command('providers').description('the providers Switchyard knows');
  providers
    .command('list')
    .description('list every provider with its aliases, locality and env vars')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => {
      const all = listProviders();
      if (options.json) {
        console.log(JSON.stringify(all, null, 2));
        return;
      }
      const width = Math.max(...all.map((p) => p.key.length));
      for (const p of all) {
        const flags = [p.local ? 'local' : 'cloud', p.available ? '' : 'not available yet'].filter(Boolean).join(', ');
        console.log(
          `${p.key.padEnd(width)}  ${p.displayName}${p.aliases.length ? ` (aliases: ${p.aliases.join(', ')})` : ''} [${flags}]${p.envVars.length ? ` env: ${p.envVars.join(' > ')}` : ''}`,
        );
      }
    });

  program
    .command('test')
    .description('test a provider: reachability, key, model list, latency, one tiny completion')
    .argument('[key]', 'provider key or alias (uses its env var for the key), e.g. openai, ollama, custom:http://127.0.0.1:8080/v1')
    .option('-p, --profile <name>', 'use a saved profile (its key comes from the keychain)')
    .option('-m, --model <model>', 'model for the completion stage')
    .option('--base-url <url>', 'override the base URL')
    .action(async (key: string | undefined, options: TargetOptions) => {
      try {
        const result = await withProfile(key, options, (ctx, profileId) => testConnection(ctx, profileId, options.model));
        // Details, errors and model names are the provider's words: they may quote a key.
        const print = (line: string) => console.log(redactSecrets(line));
        for (const stage of result.stages) {
          print(
            `${VERDICT[stage.verdict]} ${stage.label}${stage.ms !== undefined ? ` (${Math.round(stage.ms)} ms)` : ''}${stage.detail ? `: ${stage.detail}` : ''}`,
          );
          if (stage.error) print(`    ${stage.error}`);
          if (stage.hint) print(`    hint: ${stage.hint}`);
        }
        if (result.models.length > 0)
          print(`models: ${result.models.slice(0, 20).join(', ')}${result.models.length > 20 ? ` … (${result.models.length})` : ''}`);
        const failed = result.stages.find((s) => s.verdict === 'fail');
        if (failed)
          process.exitCode = reportError(
            new ProviderError(failed.error ?? `${failed.label} failed`, { provider: 'test', errorClass: failed.errorClass ?? 'unknown' }),
          );
      } catch (error) {
        process.exitCode = reportError(error);
      }
    });

  program
    .command('chat')
    .description('send one prompt and stream the answer to stdout')
    .argument('[key]', 'provider key or alias (uses its env var for the key); not needed with --profile')
    .argument('[prompt]', 'the prompt')
    .requiredOption('-m, --model <model>', 'model to use')
    .option('-p, --profile <name>', 'use a saved profile (its key comes from the keychain)')
    .option('--base-url <url>', 'override the base URL')
    .option('-s, --system <text>', 'system prompt')
    .action(async (first: string | undefined, second: string | undefined, options: TargetOptions & { system?: string }) => {
      // `chat --profile Work "hi"`: with a profile, a single argument is the prompt.
      const [key, prompt] = options.profile && second === undefined ? [undefined, first] : [first, second];
      if (!prompt) {
        console.error('switchyard: missing the prompt, e.g. switchyard chat openai -m gpt-4o-mini "hello"');
        process.exitCode = EXIT_CODES.usage;
        return;
      }
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      try {
        await withProfile(key, options, async (ctx, profileId) => {
          const target = await resolveTarget(ctx, { kind: 'profile', profileId, model: options.model! });
          const messages = [
            ...(options.system ? [{ role: 'system' as const, content: options.system }] : []),
            { role: 'user' as const, content: prompt },
          ];
          // The same redaction as the app's events, across piece boundaries: a provider may echo a key.
          const redactor = new StreamRedactor();
          try {
            for await (const event of target.stream({ messages, signal: controller.signal })) {
              if (event.type === 'text') process.stdout.write(redactor.push(event.delta));
            }
          } finally {
            process.stdout.write(`${redactor.end()}\n`);
          }
        });
      } catch (error) {
        process.exitCode = reportError(error);
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
