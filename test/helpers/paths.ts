import fs from 'node:fs';
import path from 'node:path';

/** The repository root (tests run from dist/test/...). */
export const REPO_ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

export function fixture(name: string): string {
  return path.join(REPO_ROOT, 'test', 'fixtures', name);
}
