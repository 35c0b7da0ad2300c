import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const DIR = join(import.meta.dirname, '..', 'golden');

/**
 * Compares `actual` with the golden file `name`. `UPDATE_GOLDEN=1` rewrites it (a deliberate
 * command); otherwise a mismatch writes `<name>-changed` beside it for review, and fails.
 * `normalize` blanks out what another module owns and tests (e.g. the SQL text of the metric layer).
 */
export function expectGolden(
  name: string,
  output: string,
  normalize: (s: string) => string = (s) => s,
): void {
  const actual = normalize(output);
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

/**
 * Replaces the SQL statements of a report's appendix and their bound parameters (both produced by
 * the metric layer's compiler, which has its own SQL tests) with a marker.
 */
export function withoutSql(report: string): string {
  return report
    .replace(/```sql\n[\s\S]*?```/g, '```sql\n<SQL from the metric layer>\n```')
    .replace(
      /<pre class="sql"><code>[\s\S]*?<\/code><\/pre>/g,
      '<pre class="sql"><code>&lt;SQL from the metric layer&gt;</code></pre>',
    );
}
