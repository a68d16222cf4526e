import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { type ArticleInput, articleInputSchema } from '../../shared/articles/schema.js';
import { type FieldProblem, toFieldProblems } from '../../shared/articles/validate.js';

/** An article that will not be imported, located by `file:line` (JSONL) or `file` / `file[i]`. */
export interface InvalidArticle {
  source: string;
  id?: string;
  problems: FieldProblem[];
}

export interface ArticleFiles {
  articles: ArticleInput[];
  invalid: InvalidArticle[];
  files: string[];
}

/**
 * Reads articles from a `.jsonl` file (one per line), a `.json` file (one article or an array),
 * or every such file under a directory, and validates each with the article schema. Invalid
 * entries and repeated ids are reported, never returned as articles.
 */
export async function readArticleFiles(path: string): Promise<ArticleFiles> {
  const files = (await stat(path)).isDirectory()
    ? (await readdir(path, { recursive: true }))
        .filter((name) => ['.json', '.jsonl'].includes(extname(name)))
        .sort()
        .map((name) => join(path, name))
    : [path];
  const articles: ArticleInput[] = [];
  const invalid: InvalidArticle[] = [];
  const firstSeen = new Map<string, string>();
  for (const file of files) {
    for (const entry of await entriesOf(file, relative(process.cwd(), file) || file)) {
      const outcome = validate(entry, firstSeen);
      if ('article' in outcome) articles.push(outcome.article);
      else invalid.push(outcome);
    }
  }
  return { articles, invalid, files };
}

interface Entry {
  source: string;
  value?: unknown;
  parseError?: string;
}

async function entriesOf(file: string, label: string): Promise<Entry[]> {
  const text = await readFile(file, 'utf8');
  if (extname(file) === '.jsonl') {
    return text.split('\n').flatMap((line, i) => {
      if (line.trim() === '') return [];
      return [parse(line, `${label}:${i + 1}`)];
    });
  }
  const whole = parse(text, label);
  if (!Array.isArray(whole.value)) return [whole];
  return whole.value.map((value, i) => ({ source: `${label}[${i}]`, value }));
}

function parse(text: string, source: string): Entry {
  try {
    return { source, value: JSON.parse(text) };
  } catch (error) {
    return { source, parseError: (error as Error).message };
  }
}

function validate(
  entry: Entry,
  firstSeen: Map<string, string>,
): { article: ArticleInput } | InvalidArticle {
  if (entry.parseError !== undefined) {
    return { source: entry.source, problems: [{ field: '(json)', message: entry.parseError }] };
  }
  const result = articleInputSchema.safeParse(entry.value);
  const rawId = (entry.value as { id?: unknown } | null)?.id;
  const id = typeof rawId === 'string' ? rawId : undefined;
  if (!result.success) {
    return { source: entry.source, id, problems: toFieldProblems(result.error) };
  }
  const earlier = firstSeen.get(result.data.id);
  if (earlier) {
    return {
      source: entry.source,
      id,
      problems: [{ field: 'id', message: `repeats the article at ${earlier}` }],
    };
  }
  firstSeen.set(result.data.id, entry.source);
  return { article: result.data };
}
