import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const DIR = join(import.meta.dirname, '..', 'golden');

/**
 * Compares `actual` with the golden file `name`. `UPDATE_GOLDEN=1` rewrites it (a deliberate
 * command); otherwise a mismatch writes `<name>-changed` beside it for review, and fails.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(DIR, name);
  const changed = path.replace(/(\.[^.]+)$/, '-changed$1');
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    rmSync(changed, { force: true });
    return;
  }
  if (!existsSync(path))
    throw new Error(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/report`);
  const expected = readFileSync(path, 'utf8');
  if (expected !== actual) writeFileSync(changed, actual);
  else rmSync(changed, { force: true });
  expect(actual === expected, `${name} differs from its golden file; see ${changed}`).toBe(true);
}
