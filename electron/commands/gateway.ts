// `switchyard gateway`: serve profiles, chains and routes on 127.0.0.1 in the OpenAI and Anthropic
// formats until Ctrl-C, logging each request; `switchyard gateway token create|list|revoke`.
import type { Command } from 'commander';
import type { GatewayLogEntry } from '../../shared/api/gateway';
import { gatewaySnippets } from '../../shared/gateway-snippets';
import { gatewayService } from '../gateway/service';
import { createToken, listTokens, revokeToken } from '../gateway/tokens';
import { cliHost, runWithHost } from './host';
import { EXIT_CODES, reportError } from './exit-codes';

/** One line per finished request: status, client, model → who answered, timings, tokens. */
export function requestLine(entry: GatewayLogEntry): string {
  const time = new Date(entry.at).toTimeString().slice(0, 8);
  const answered = entry.answeredBy ? ` → ${entry.answeredBy}` : '';
  const attempts = entry.attempts.length > 1 ? ` after ${entry.attempts.length} attempts` : '';
  const parts = [
    entry.ttftMs !== undefined && `first token ${Math.round(entry.ttftMs)} ms`,
    entry.gatewayMs !== undefined && `gateway ${entry.gatewayMs.toFixed(2)} ms`,
  ].filter(Boolean);
  const timing = entry.durationMs !== undefined ? ` ${Math.round(entry.durationMs)} ms${parts.length ? ` (${parts.join(', ')})` : ''}` : '';
  const tokens = entry.usage
    ? ` ${entry.usageEstimated ? '≈' : ''}${entry.usage.inputTokens ?? 0}→${entry.usage.outputTokens ?? 0} tok`
    : '';
  const error = entry.error ? ` — ${entry.error.split('\n')[0]}` : '';
  return `${time} ${entry.status ?? '…'} ${entry.token ?? '(no token)'} ${entry.endpoint} ${entry.model ?? ''}${answered}${attempts}${timing}${tokens}${error}`;
}

async function serve(options: { port?: string }): Promise<void> {
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    console.error(`switchyard: --port must be a whole number from 0 to 65535, not ${JSON.stringify(options.port)}.`);
    process.exitCode = EXIT_CODES.usage;
    return;
  }
  const ctx = cliHost();
  let server;
  try {
    server = await ctx.use(gatewayService).start(port);
  } catch (error) {
    process.exitCode = reportError(error);
    await ctx.dispose();
    return;
  }
  const tokens = await listTokens(ctx);
  console.log(`Switchyard gateway on ${server.baseUrl} (OpenAI: ${server.baseUrl}/v1, Anthropic: ${server.baseUrl})`);
  console.log(
    tokens.length > 0
      ? `Tokens: ${tokens.map((t) => `${t.name} (${t.hint})`).join(', ')}`
      : 'No tokens yet: create one with `switchyard gateway token create NAME`.',
  );
  for (const snippet of gatewaySnippets(server.baseUrl).slice(0, 2)) console.log(`\n${snippet.title}:\n${snippet.text}`);
  console.log('\nRequests appear below. Ctrl-C stops the gateway.');
  ctx.subscribe((event, payload) => {
    const entry = payload as GatewayLogEntry;
    if (event === 'gateway.request' && entry.state !== 'running') console.log(requestLine(entry));
  });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log('Stopping the gateway…');
  await ctx.dispose();
}

export function registerGatewayCommands(program: Command): void {
  const gateway = program
    .command('gateway')
    .description('serve your profiles, chains and routes to other tools on 127.0.0.1 (OpenAI and Anthropic formats)')
    .option('--port <n>', 'port to listen on (default: the one in Settings → Gateway, 8419)')
    .action((options: { port?: string }) => serve(options));
  const token = gateway.command('token').description('access tokens, one per client ("Claude Code", "scripts")');
  token
    .command('create')
    .description('create a token; it is printed once and only its hash is kept')
    .argument('<name>', 'which client will use it')
    .action((name: string) =>
      runWithHost(async (ctx) => {
        const created = await createToken(ctx, name);
        // The token alone on stdout, so that `$(switchyard gateway token create x)` captures it.
        console.log(created.token);
        console.error(`Created gateway token "${created.name}". Copy it now: Switchyard keeps only a hash and cannot show it again.`);
      }),
    );
  token
    .command('list')
    .description('the tokens (names and hints, never the values)')
    .option('--json', 'as JSON')
    .action((options: { json?: boolean }) =>
      runWithHost(async (ctx) => {
        const tokens = await listTokens(ctx);
        if (options.json) console.log(JSON.stringify(tokens, null, 2));
        else if (tokens.length === 0) console.log('No gateway tokens. Create one with `switchyard gateway token create NAME`.');
        else
          for (const t of tokens) console.log(`${t.name}\t${t.hint}\tcreated ${new Date(t.createdAt).toISOString().slice(0, 10)}\t${t.id}`);
      }),
    );
  token
    .command('revoke')
    .description('revoke a token by name or id; its next request is refused')
    .argument('<token>', 'name or id')
    .action((idOrName: string) =>
      runWithHost(async (ctx) => {
        const revoked = await revokeToken(ctx, idOrName);
        console.log(`Revoked "${revoked.name}" (${revoked.hint}).`);
      }),
    );
}
