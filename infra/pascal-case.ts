/** `refresh-related` → `RefreshRelated`, for construct ids derived from function names. */
export const pascalCase = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_match, _dash: string, c: string) => c.toUpperCase());
