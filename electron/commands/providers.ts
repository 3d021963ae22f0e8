import type { Command } from 'commander';

export function registerProviderCommands(program: Command): void {
  void program;
}
