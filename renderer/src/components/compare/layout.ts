// How the Compare columns share the width.

/** The narrowest a column reads well at. */
const MIN_COLUMN_PX = 300;

/**
 * How many columns go in a row: as many as fit at MIN_COLUMN_PX, then balanced so that rows hold
 * about the same number (six targets on a mid-size window: 3 + 3, not 4 + 2).
 */
export function columnsPerRow(count: number, width: number): number {
  const fit = Math.max(1, Math.min(count, Math.floor((width + 12) / (MIN_COLUMN_PX + 12))));
  const rows = Math.ceil(count / fit);
  return Math.ceil(count / rows);
}
