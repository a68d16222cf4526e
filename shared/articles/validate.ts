import { ValidationError } from '../errors.js';
import type * as z from '../zod.js';
import { type ArticleInput, articleInputSchema } from './schema.js';

/** One entry per bad field, e.g. `{ field: 'sections.2.heading', message: 'Too big: ...' }`. */
export interface FieldProblem {
  field: string;
  message: string;
}

export const toFieldProblems = (error: z.core.$ZodError): FieldProblem[] =>
  error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));

/**
 * Validates an editor's article. `pathId`, when given, must equal the body's id so a PUT
 * can never write one article under another's key.
 */
export function parseArticleInput(body: unknown, pathId?: string): ArticleInput {
  const withId =
    pathId !== undefined && body !== null && typeof body === 'object' && !('id' in body)
      ? { ...body, id: pathId }
      : body;
  const result = articleInputSchema.safeParse(withId);
  if (!result.success) {
    throw new ValidationError('The article is invalid.', toFieldProblems(result.error));
  }
  if (pathId !== undefined && result.data.id !== pathId) {
    throw new ValidationError('The article is invalid.', [
      { field: 'id', message: `must equal the id in the path (${pathId})` },
    ]);
  }
  return result.data;
}
