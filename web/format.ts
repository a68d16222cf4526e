/** Dates as the site shows them: June 19, 2026 (UTC, as published). */
export function formatDate(isoDate: string): string {
  return new Date(`${isoDate.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

export const readTime = (minutes: number) => `${minutes} min read`;

/** The label an evidence badge shows: source · type. */
export const evidenceLabel = (evidence: { source: string; type: string }) =>
  `${evidence.source} · ${evidence.type}`;
