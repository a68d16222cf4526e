/**
 * How many of `count` optional clauses a Lucene `minimum_should_match` spec requires, computed
 * as OpenSearch does: an integer or percentage (negative: how many may be missing), optionally
 * as conditions `n<spec` that apply when there are more than n clauses (all are required below
 * the first condition). Used to tell whether relaxing a query would change anything.
 */
export function requiredClauses(spec: string, count: number): number {
  const conditions = spec.trim().split(/\s+/);
  let rule: string | undefined = spec.trim();
  if (spec.includes('<')) {
    rule = undefined;
    for (const condition of conditions) {
      const [above, value] = condition.split('<');
      if (count > Number(above)) rule = value;
    }
    if (rule === undefined) return count;
  }
  const magnitude = Math.abs(Number.parseFloat(rule));
  const amount = rule.endsWith('%') ? Math.floor((count * magnitude) / 100) : magnitude;
  const required = rule.startsWith('-') ? count - amount : amount;
  return Math.min(count, Math.max(0, required));
}
