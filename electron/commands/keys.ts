import type { Command } from 'commander';

export function registerKeyCommands(program: Command): void {
  void program;
}
