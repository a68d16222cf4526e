import type { Evidence } from '../articles/schema.js';

/** What a reason may be drawn from: the current labels of the source and the item. */
export interface Labels {
  tags: readonly string[];
  category: string;
  publishedAt: string;
  evidence?: Evidence | null;
}

export interface ReasonContext {
  /** Rarity weight of each of the source's tags (shared tags are listed rarest first). */
  tagWeight: (tag: string) => number;
  /** Whether the texts were found closely related when the list was ranked. */
  similarContent: boolean;
}

const maxTagsNamed = 3;

/**
 * Short, true explanations of why `item` is related to `source`, strongest first, e.g.
 * `shares tags: autoimmunity, risk`, `same evidence type: randomized controlled trial`,
 * `newer research on genetics`. Derived from the labels as they are now, so an edit to either
 * article can never leave a false claim behind.
 */
export function explainRelated(source: Labels, item: Labels, context: ReasonContext): string[] {
  const itemTags = new Set(item.tags);
  const shared = source.tags
    .filter((tag) => itemTags.has(tag))
    .sort((a, b) => context.tagWeight(b) - context.tagWeight(a) || a.localeCompare(b));
  const reasons: string[] = [];
  if (context.similarContent) reasons.push('closely related content');
  if (shared.length > 0) reasons.push(`shares tags: ${shared.slice(0, maxTagsNamed).join(', ')}`);
  const sourceType = source.evidence?.type.trim();
  if (sourceType && sourceType.toLowerCase() === item.evidence?.type.trim().toLowerCase()) {
    reasons.push(`same evidence type: ${inSentence(sourceType)}`);
  }
  if (item.publishedAt > source.publishedAt) {
    if (shared[0] !== undefined) reasons.push(`newer research on ${shared[0]}`);
    else if (item.category === source.category) reasons.push(`newer research in ${item.category}`);
  }
  if (item.category === source.category) reasons.push(`same category: ${item.category}`);
  return reasons;
}

/** "Randomized controlled trial" → "randomized controlled trial"; "PubMed indexed …" keeps its capitals. */
const inSentence = (label: string) =>
  /^[A-Z][a-z]*(\s|$)/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
