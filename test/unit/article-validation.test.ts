import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ArticleInput, ArticleLimits } from '../../shared/articles/schema.js';
import { parseArticleInput } from '../../shared/articles/validate.js';
import { ValidationError } from '../../shared/errors.js';

const valid: ArticleInput = {
  id: 'exercise-and-immunity',
  title: 'How Exercise May Help Calm the Immune System in Type 1 Diabetes',
  summary: 'New research suggests physical activity could play a role.',
  category: 'Causes & What We Know',
  tags: ['causes', 'autoimmunity', 'genetics', 'risk'],
  publishedAt: '2026-06-19',
  readTimeMinutes: 3,
  keyTakeaways: ['Exercise appears to shift immune activity.'],
  sections: [
    { heading: 'Understanding the Immune Problem', body: 'Type 1 diabetes develops when…' },
  ],
  evidence: { source: 'Diabetes care', type: 'PubMed indexed literature' },
};

function problemsOf(body: unknown, pathId?: string) {
  try {
    parseArticleInput(body, pathId);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return Object.fromEntries(
      (error as ValidationError).invalidParams.map((p) => [p.field, p.message]),
    );
  }
  throw new Error('expected a validation error');
}

describe('parseArticleInput', () => {
  it('accepts the seed shape, with or without an evidence label', () => {
    expect(parseArticleInput(valid)).toEqual(valid);
    expect(parseArticleInput({ ...valid, evidence: null }).evidence).toBeNull();
    const { evidence: _, ...unlabeled } = valid;
    expect(parseArticleInput(unlabeled).evidence).toBeUndefined();
  });

  it('names every bad field at once', () => {
    const problems = problemsOf({
      ...valid,
      id: 'Not A Slug',
      title: '',
      tags: ['ok', 'Bad Tag', 'ok'],
      publishedAt: '2026-02-30',
      readTimeMinutes: 0,
      sections: [{ heading: 'x', body: '' }],
      evidence: { source: 'Diabetes care' },
      extra: true,
    });
    expect(Object.keys(problems).sort()).toEqual(
      [
        '(body)',
        'evidence.type',
        'id',
        'publishedAt',
        'readTimeMinutes',
        'sections.0.body',
        'tags',
        'tags.1',
        'title',
      ].sort(),
    );
  });

  it('bounds sizes: total body length and tag count', () => {
    const long = 'a'.repeat(ArticleLimits.bodyTotalLength / 2 + 1);
    expect(
      problemsOf({
        ...valid,
        sections: [
          { heading: 'a', body: long },
          { heading: 'b', body: long },
        ],
      }),
    ).toHaveProperty('sections');
    const tags = Array.from({ length: ArticleLimits.tags + 1 }, (_, i) => `tag-${i}`);
    expect(problemsOf({ ...valid, tags })).toHaveProperty('tags');
  });

  it('refuses text that is not valid Unicode (lone surrogates), which DynamoDB cannot store', () => {
    expect(problemsOf({ ...valid, title: 'a \udfff b' })).toHaveProperty('title');
    expect(problemsOf({ ...valid, sections: [{ heading: 'h', body: 'x\ud800' }] })).toHaveProperty([
      'sections.0.body',
    ]);
    expect(parseArticleInput({ ...valid, title: 'β cells 😀' }).title).toBe('β cells 😀');
  });

  it('takes the id from the path and refuses a body naming another article', () => {
    const { id: _, ...withoutId } = valid;
    expect(parseArticleInput(withoutId, 'from-path').id).toBe('from-path');
    expect(problemsOf(valid, 'another-id')).toHaveProperty('id');
  });

  it('never throws anything but a ValidationError, whatever the body', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        try {
          parseArticleInput(body);
        } catch (error) {
          return error instanceof ValidationError && error.invalidParams.length > 0;
        }
        return true;
      }),
    );
  });
});
