// The pickers and the palette filter their rows here, in React, and cmdk only gives the keyboard
// and the highlighted row (shouldFilter={false}). cmdk's own filtering re-sorts a searched list by
// moving every row in the page whenever a row comes or goes (a model list arriving), and Chromium
// drops the click of a row moved between mouse down and mouse up: the pick was lost. Here a row
// that matches is rendered and one that does not is not; nothing else in the list moves.
import { Command } from 'cmdk';
import { createContext, useContext, type ComponentProps, type ReactNode } from 'react';
import { wordsFilter } from './filter';

const SearchContext = createContext('');

/** What is typed, for every row below. */
export function SearchScope({ search, children }: { search: string; children: ReactNode }) {
  return <SearchContext.Provider value={search}>{children}</SearchContext.Provider>;
}

/** What is typed, for a group that decides on more than its rows (a profile's loading note). */
export function useSearch(): string {
  return useContext(SearchContext);
}

/** Whether a row with this text matches what is typed. */
export function matchesSearch(search: string, value: string, keywords?: string[]): boolean {
  return wordsFilter(value, search, keywords) > 0;
}

/** A row shown while it matches what is typed; `forceMount` rows (notes, "Use “…”") always are. */
export function SearchItem(props: ComponentProps<typeof Command.Item> & { value: string }) {
  const search = useSearch();
  if (!props.forceMount && !matchesSearch(search, props.value, props.keywords)) return null;
  return <Command.Item {...props} />;
}
