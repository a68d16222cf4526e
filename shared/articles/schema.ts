import * as z from '../zod.js';

/** Bounds keep one article well below DynamoDB's 400 KB item limit and OpenSearch's comfort zone. */
export const ArticleLimits = {
  idLength: 120,
  titleLength: 300,
  summaryLength: 2_000,
  categoryLength: 80,
  tags: 20,
  tagLength: 40,
  takeaways: 12,
  takeawayLength: 600,
  sections: 40,
  headingLength: 200,
  /** Total characters over every section body. */
  bodyTotalLength: 100_000,
  readTimeMinutes: 240,
  labelLength: 200,
  /**
   * Bytes of a PUT body: DynamoDB's item size limit (400 KB). The stored item is smaller than the
   * JSON it came from (no quotes or punctuation), so any body within this limit fits in one item.
   */
  requestBytes: 400 * 1024,
} as const;

/** Article ids and tags are lower-case slugs; an id is also a URL path segment. */
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The one article-id schema: the input's `id`, the `{id}` of every route, the OpenAPI parameter. */
export const articleIdSchema = z
  .string()
  .check(
    z.maxLength(ArticleLimits.idLength),
    z.regex(slugPattern, 'must be a lower-case slug [a-z0-9-]'),
  );
/** DynamoDB refuses strings that are not valid Unicode; JSON escapes can still carry them. */
const trimmed = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    z.refine((text) => !/\p{Cs}/u.test(text), 'must be valid Unicode (no lone surrogates)'),
  );

/** Calendar date `YYYY-MM-DD` that actually exists (2026-02-30 is rejected). */
const isoDate = z.iso.date();

export const evidenceSchema = z.object({
  source: trimmed(ArticleLimits.labelLength),
  type: trimmed(ArticleLimits.labelLength),
});

export const heroImageSchema = z.object({
  alt: trimmed(ArticleLimits.labelLength * 2),
  credit: trimmed(ArticleLimits.labelLength),
  license: trimmed(ArticleLimits.labelLength),
});

export const sectionSchema = z.object({
  heading: trimmed(ArticleLimits.headingLength),
  body: trimmed(ArticleLimits.bodyTotalLength),
});

/** What an editor sends: the article without server-assigned fields. */
export const articleInputSchema = z.strictObject({
  id: articleIdSchema,
  title: trimmed(ArticleLimits.titleLength),
  summary: trimmed(ArticleLimits.summaryLength),
  category: trimmed(ArticleLimits.categoryLength),
  tags: z
    .array(
      z
        .string()
        .check(
          z.maxLength(ArticleLimits.tagLength),
          z.regex(slugPattern, 'must be a lower-case slug [a-z0-9-]'),
        ),
    )
    .check(
      z.maxLength(ArticleLimits.tags),
      z.refine((tags) => new Set(tags).size === tags.length, 'must not repeat a tag'),
    ),
  publishedAt: isoDate,
  readTimeMinutes: z.number().check(z.int(), z.gte(1), z.lte(ArticleLimits.readTimeMinutes)),
  keyTakeaways: z
    .array(trimmed(ArticleLimits.takeawayLength))
    .check(z.maxLength(ArticleLimits.takeaways)),
  sections: z.array(sectionSchema).check(
    z.minLength(1),
    z.maxLength(ArticleLimits.sections),
    z.refine(
      (sections) =>
        sections.reduce((n, s) => n + s.body.length, 0) <= ArticleLimits.bodyTotalLength,
      `section bodies must total at most ${ArticleLimits.bodyTotalLength} characters`,
    ),
  ),
  heroImage: z.optional(heroImageSchema),
  evidence: z.optional(z.nullable(evidenceSchema)),
});

/** A stored article: the input plus what the server assigns. */
export const articleSchema = z.extend(articleInputSchema, {
  /** Strictly increases across every update, delete and re-creation of this id. */
  version: z.number().check(z.int(), z.positive()),
  updatedAt: z.iso.datetime(),
});

export type ArticleInput = z.infer<typeof articleInputSchema>;
export type Article = z.infer<typeof articleSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
