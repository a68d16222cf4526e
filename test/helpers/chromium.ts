import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's Chromium: playwright-core drives it (no browser download). */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Installs Debian's Chromium with apt when it is missing (needs root, as on the project's
 * machines and CI). Throws when it cannot: the browser tests are never skipped silently.
 */
export function ensureChromium(log: (line: string) => void = console.log): string {
  if (existsSync(chromiumPath)) return chromiumPath;
  log('Chromium is missing: apt-get install -y chromium');
  try {
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (error) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${chromiumPath}; installing it failed (run \`apt-get install -y chromium\` as root)`,
      { cause: error },
    );
  }
  if (!existsSync(chromiumPath)) throw new Error(`apt-get installed no ${chromiumPath}`);
  return chromiumPath;
}
