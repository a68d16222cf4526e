/**
 * `npm run soak -- --runs N [--seed S]`: the fault-sequence property of
 * test/integration/fault-sequences.test.ts with N random sequences instead of the few `npm test`
 * runs, on the same real services (vitest starts and stops them).
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { repoRoot } from './local/repo-root.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '100' }, seed: { type: 'string' } },
});
const runs = Number(values.runs);
if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer`);

const started = Date.now();
const child = spawn('npx', ['vitest', 'run', 'test/integration/fault-sequences.test.ts'], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: {
    ...process.env,
    FAULT_RUNS: String(runs),
    ...(values.seed === undefined ? {} : { FAULT_SEED: values.seed }),
  },
});
child.on('exit', (code) => {
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(
    `soak: ${runs} fault sequence(s) ${code === 0 ? 'held' : 'FAILED'} in ${minutes} min`,
  );
  process.exit(code ?? 1);
});
