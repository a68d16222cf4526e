import { runCommand } from './process-utils.js';

/**
 * Runs `mvn -B -q <args>` in `cwd` (artifacts come from Maven Central into ~/.m2, once) and
 * throws with the last lines of Maven's output when it fails, or with how to install Maven when it
 * is missing. `what` names the build in those messages.
 */
export async function runMaven(args: readonly string[], cwd: string, what: string): Promise<void> {
  const all = ['-B', '-q', ...args];
  const result = await runCommand('mvn', all, { cwd }).catch((error: unknown) => {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw missing
      ? new Error(
          `Maven is required for ${what} (first run only); install maven (apt-get install maven)`,
        )
      : error;
  });
  if (result.code !== 0) {
    const output = `${result.stdout}${result.stderr}`.trimEnd().split('\n').slice(-30).join('\n');
    throw new Error(`${what} failed (mvn ${all.join(' ')}):\n${output}`);
  }
}
