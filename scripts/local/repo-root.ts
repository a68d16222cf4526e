import { fileURLToPath } from 'node:url';

/** The repository root, for paths under `.local/` and the fixtures. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
