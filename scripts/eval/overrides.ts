/**
 * `--set <root>.<path>=<value>` overrides of ranking knobs, so a variant can be tried on train
 * without editing code (e.g. `--set relevance.typo.boost=0.3`). Each root is a settings object
 * (production's `relevance`, `relatedTuning`, …); the path must name one of its existing values
 * and the new value must have that value's type. Anything else is an error naming the choices.
 */

type Settings = Record<string, unknown>;

/**
 * Copies of `roots` with every `assignment` applied, in order. Unknown roots and paths,
 * non-leaf targets and values of the wrong type throw.
 */
export function applyOverrides<T extends Record<string, object>>(
  roots: T,
  assignments: readonly string[],
): T {
  const result = structuredClone(roots) as Record<string, Settings>;
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals < 1) throw new Error(`--set ${assignment}: expected <path>=<value>`);
    const path = assignment.slice(0, equals).split('.');
    const raw = assignment.slice(equals + 1);
    let parent: Settings = result;
    for (const [depth, key] of path.entries()) {
      const where = depth === 0 ? 'settings' : path.slice(0, depth).join('.');
      if (!Object.hasOwn(parent, key)) {
        throw new Error(
          `--set ${assignment}: ${where} has no "${key}" (it has: ${Object.keys(parent).join(', ')})`,
        );
      }
      const current = parent[key];
      if (depth < path.length - 1) {
        if (typeof current !== 'object' || current === null) {
          throw new Error(`--set ${assignment}: ${path.slice(0, depth + 1).join('.')} is a value`);
        }
        parent = current as Settings;
        continue;
      }
      if (typeof current === 'object' && current !== null) {
        throw new Error(
          `--set ${assignment}: ${path.join('.')} is a group (set one of: ${Object.keys(current).join(', ')})`,
        );
      }
      parent[key] = parseLike(current, raw, assignment);
    }
  }
  return result as T;
}

/** `raw` as a value of the same type as `current`. */
function parseLike(current: unknown, raw: string, assignment: string): unknown {
  if (typeof current === 'number') {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) {
      throw new Error(`--set ${assignment}: expected a number`);
    }
    return value;
  }
  if (typeof current === 'boolean') {
    if (raw !== 'true' && raw !== 'false')
      throw new Error(`--set ${assignment}: expected true or false`);
    return raw === 'true';
  }
  return raw;
}

/** A one-line description of the overrides, for reports. */
export const describeOverrides = (assignments: readonly string[]) =>
  assignments.length === 0 ? 'production settings' : assignments.join(' ');
