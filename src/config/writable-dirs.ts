import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Start-up check of a directory the server writes to (EXPORTS_DIR, MODELS_DIR): it is created if missing, and a file is
 * written and removed in it. Throws one line naming the variable, as configuration errors do, rather than let the
 * first job find out.
 */
export function checkWritableDirectory(variable: string, dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.segmentql-write-check-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe, { force: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`${variable}="${dir}" is not a writable directory (${code ?? (err as Error).message})`, { cause: err });
  }
}
