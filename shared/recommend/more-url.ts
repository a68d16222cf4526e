import { strongestTags, type TagRarity } from './tag-rarity.js';

/** Tags named in the "more coverage" link. */
const linkTags = 2;

/**
 * The widget's "more evidence-labeled coverage" link: a `/search` for evidence-labeled articles
 * carrying any of the source's strongest tags (the rarest ones other articles share), or, when
 * no tag is shared, its category. Relative unless the API's public base URL is known.
 */
export function buildMoreUrl(
  source: { tags: readonly string[]; category: string },
  rarity: TagRarity,
  baseUrl?: string,
): string {
  const tags = strongestTags(source.tags, rarity).slice(0, linkTags);
  const params = new URLSearchParams({ evidenced: 'true' });
  if (tags.length > 0) {
    params.set('tags', tags.join(','));
    if (tags.length > 1) params.set('tagsMode', 'any');
  } else {
    params.set('category', source.category);
  }
  const path = `/search?${params.toString().replaceAll('%2C', ',')}`;
  return baseUrl ? `${baseUrl.replace(/\/+$/, '')}${path}` : path;
}
