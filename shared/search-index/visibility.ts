/**
 * Which index documents a reader may see, for every query that reads the index (search, suggest,
 * related articles): the index keeps tombstones, and articles scheduled for a later date stay
 * invisible until their day comes.
 */

/** The UTC calendar day of `now`, as publishedAt dates are compared. */
export const dayOf = (now: Date) => now.toISOString().slice(0, 10);

/** Not a tombstone (see document.ts). */
export const live = { term: { deleted: false } };

/** Published on or before `day` (a `dayOf` date). */
export const publishedBy = (day: string) => ({ range: { publishedAt: { lte: day } } });

/** Live and already published on the day of `now`. */
export function visibleFilters(now: Date): Array<Record<string, unknown>> {
  return [live, publishedBy(dayOf(now))];
}
