import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The `version` of the nearest package.json above `directory`: an app's `service.version`. */
export function readPackageVersion(directory: string): string {
  for (let folder = directory; ; folder = dirname(folder)) {
    const candidate = join(folder, 'package.json');
    if (existsSync(candidate)) return (JSON.parse(readFileSync(candidate, 'utf8')) as { version?: string }).version ?? 'unknown';
    if (dirname(folder) === folder) return 'unknown';
  }
}
