// How the pickers and the palette match what is typed: every word must appear somewhere in the
// item's text (name, profile, provider), in any order. Predictable where fuzzy scoring surprises:
// "claude sonnet" finds "anthropic/claude-3.5-sonnet", "gpt 4o" finds "gpt-4o-mini".
export function wordsFilter(value: string, search: string, keywords: string[] = []): number {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 1;
  const haystack = `${value} ${keywords.join(' ')}`.toLowerCase();
  return words.every((word) => haystack.includes(word)) ? 1 : 0;
}
