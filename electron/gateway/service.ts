// The gateway's life in one host (the desktop app, browser mode or `switchyard gateway`): started
// when the user turns it on, restarted on a new port, stopped on quit. Its status goes to the UI.
import type { GatewaySettingsShape, GatewayStatus } from '../../shared/api/gateway';
import type { HostContext } from '../host/context';
import { DEFAULT_GATEWAY_PORT } from '../config/schema';
import { AppError } from '../errors';
import { requestLog } from './request-log';
import { startGatewayServer, type GatewayServer } from './server';
import { viewOf } from './tokens';

export class GatewayService {
  private server: GatewayServer | null = null;
  private error: string | undefined;
  /** One start or stop at a time: toggling quickly must not leave two listeners. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: HostContext) {}

  get running(): GatewayServer | null {
    return this.server;
  }

  /** Starts, restarts or stops the listener to match the saved settings. */
  apply(): Promise<GatewayStatus> {
    return this.serialize(async () => {
      const { enabled, port } = (await this.ctx.config.read()).gateway;
      if (this.server && (!enabled || this.server.port !== port)) await this.close();
      if (enabled && !this.server) await this.open(port);
      return this.publish();
    });
  }

  /** Runs the gateway whatever the saved on/off switch says (`switchyard gateway`). */
  start(port?: number): Promise<GatewayServer> {
    return this.serialize(async () => {
      if (this.server) await this.close();
      const wanted = port ?? (await this.ctx.config.read()).gateway.port;
      await this.open(wanted);
      if (!this.server) throw new AppError('gateway_unavailable', this.error ?? 'The gateway could not start.');
      await this.publish();
      return this.server;
    });
  }

  stop(): Promise<void> {
    return this.serialize(() => this.close());
  }

  async status(): Promise<GatewayStatus> {
    const { gateway } = await this.ctx.config.read();
    const log = this.ctx.use(requestLog);
    const settings: GatewaySettingsShape = {
      port: gateway.port,
      aliases: gateway.aliases,
      allowedOrigins: gateway.allowedOrigins,
      logBodies: gateway.logBodies,
      maxBodyBytes: gateway.maxBodyBytes,
      maxConcurrentPerToken: gateway.maxConcurrentPerToken,
      requestTimeoutMs: gateway.requestTimeoutMs,
    };
    return {
      enabled: gateway.enabled,
      running: this.server !== null,
      ...(this.server && { baseUrl: this.server.baseUrl }),
      ...(this.error && { error: this.error }),
      defaultPort: DEFAULT_GATEWAY_PORT,
      settings,
      tokens: gateway.tokens.map((t) => {
        const lastUsedAt = log.lastUsedAt(t.id);
        return { ...viewOf(t), ...(lastUsedAt !== undefined && { lastUsedAt }) };
      }),
    };
  }

  private async open(port: number): Promise<void> {
    try {
      this.server = await startGatewayServer(this.ctx, port);
      this.error = undefined;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.error =
        code === 'EADDRINUSE'
          ? `Port ${port} is already in use (another program, or Switchyard running elsewhere); pick another port.`
          : code === 'EACCES'
            ? `Port ${port} needs privileges; pick a port above 1024.`
            : `The gateway could not start: ${(error as Error).message}`;
    }
  }

  private async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    await server?.close();
  }

  private async publish(): Promise<GatewayStatus> {
    const status = await this.status();
    this.ctx.emit('gateway.status', status);
    return status;
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

export const gatewayService = (ctx: HostContext): GatewayService => {
  const service = new GatewayService(ctx);
  ctx.onDispose(() => service.stop());
  return service;
};
