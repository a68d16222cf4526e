/**
 * The documented evidence hierarchy used to boost labeled research (see README "Relevance").
 * Higher is stronger: syntheses and randomized trials above observational designs, above
 * preclinical work and opinion. Types are matched case-insensitively; an unknown type counts as
 * general indexed literature.
 */
const ranks: ReadonlyArray<[pattern: RegExp, rank: number]> = [
  [/meta-?analys|systematic review/i, 6],
  [/randomi[sz]ed|\brct\b|controlled trial/i, 5],
  [/cohort|observational|case-control|cross-sectional|registry/i, 4],
  [/pubmed|peer[- ]reviewed|indexed literature|clinical (study|trial)/i, 3],
  [/case (series|report)|pilot/i, 2],
  [/preclinical|animal|in vitro|laboratory|expert|consensus|opinion|editorial/i, 1],
];

const defaultRank = 3;

/** The strongest evidence's rank (meta-analyses and systematic reviews). */
export const maxEvidenceRank = 6;

export function evidenceRank(type: string): number {
  return ranks.find(([pattern]) => pattern.test(type))?.[1] ?? defaultRank;
}
