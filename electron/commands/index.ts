import type { Command } from 'commander';
import { registerConfigCommands } from './config';
import { registerExportCommands } from './export';
import { registerGatewayCommands } from './gateway';
import { registerKeyCommands } from './keys';
import { registerProviderCommands } from './providers';

export function registerCommands(program: Command): void {
  registerProviderCommands(program);
  registerKeyCommands(program);
  registerConfigCommands(program);
  registerExportCommands(program);
  registerGatewayCommands(program);
}
