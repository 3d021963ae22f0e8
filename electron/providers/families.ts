// Every provider family, one line each: the factory's table, the catalog's "available" and the
// profile form are all built from this list. A new wire format is a folder with an index.ts that
// exports its family (see core/family.ts), plus its line here.
import { anthropic } from './anthropic';
import { bedrock } from './bedrock';
import { cli } from './cli';
import { copilot } from './copilot';
import type { ProviderFamily } from './core/family';
import { gemini } from './gemini';
import { ollama } from './ollama';
import { openAICodex } from './openai-codex';
import { openAICompatible } from './openai-compatible';

export const FAMILIES: readonly ProviderFamily[] = [openAICompatible, anthropic, gemini, bedrock, openAICodex, copilot, ollama, cli];

const byKind = new Map<string, ProviderFamily>();
for (const family of FAMILIES) {
  for (const kind of family.kinds) {
    if (byKind.has(kind)) throw new Error(`Adapter kind ${kind} is built by two provider families`);
    byKind.set(kind, family);
  }
}

/** The family that builds a catalog adapter kind; undefined for a kind no family builds yet. */
export function familyFor(kind: string): ProviderFamily | undefined {
  return byKind.get(kind);
}
