// The pickers and the palette filter their rows here, in React, and cmdk only gives the keyboard
// and the highlighted row (shouldFilter={false}). cmdk's own filtering re-sorts a searched list by
// moving every row in the page whenever a row comes or goes (a model list arriving), and Chromium
// drops the click of a row moved between mouse down and mouse up: the pick was lost. Here a row
// that matches is rendered and one that does not is not; nothing else in the list moves.
import { Command } from 'cmdk';
import { createContext, useCallback, useContext, useRef, useState, type ComponentProps, type ReactNode } from 'react';
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

const FIRST_ROW = '[cmdk-item]:not([aria-disabled="true"])';

function firstRowValue(root: Element | null): string | undefined {
  return root?.querySelector(FIRST_ROW)?.getAttribute('data-value') ?? undefined;
}

/**
 * A cmdk list that filters in React (rows are `SearchItem`s under a `SearchScope`) and whose
 * highlight stays on the first row while it was there. cmdk highlights the first row when the
 * search changes, but not when rows arrive later: typed "lite" while a model list loaded left the
 * highlight on "Use “lite”", and Enter took the typed name over the listed model that appeared
 * above it. Once the user moves the highlight elsewhere (arrows, pointer) it stays where they put it.
 * Mounted with the popover or dialog that holds it, so each opening starts at the top.
 */
export function SearchCommand({ children, ...props }: Omit<ComponentProps<typeof Command>, 'value' | 'onValueChange' | 'shouldFilter'>) {
  const [highlighted, setHighlighted] = useState('');
  const onFirstRow = useRef(true);
  const root = useRef<HTMLDivElement | null>(null);

  const highlight = useCallback((value: string) => {
    onFirstRow.current = value === firstRowValue(root.current);
    setHighlighted(value);
  }, []);
  // Rows come and go with React's renders (a list arriving, a loading note leaving): follow them.
  // (cmdk merges this ref with its own and drops a returned cleanup, so the observer is kept here.)
  const observer = useRef<MutationObserver | null>(null);
  const observe = useCallback((node: HTMLDivElement | null) => {
    observer.current?.disconnect();
    root.current = node;
    if (!node) return;
    observer.current = new MutationObserver(() => {
      const first = firstRowValue(node);
      if (onFirstRow.current && first !== undefined) setHighlighted(first);
    });
    observer.current.observe(node, { childList: true, subtree: true });
  }, []);

  return (
    <Command {...props} ref={observe} shouldFilter={false} value={highlighted} onValueChange={highlight}>
      {children}
    </Command>
  );
}
