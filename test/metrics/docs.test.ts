import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIMENSIONS, METRICS } from '../../src/metrics/index.js';

// docs/metrics.md is checked against the registry: a metric or dimension added, renamed or redefined
// without updating the page fails here.
const doc = readFileSync(resolve(import.meta.dirname, '../../docs/metrics.md'), 'utf8');

describe('docs/metrics.md', () => {
  it.each(Object.values(METRICS).map((m) => [m.name, m] as const))('documents metric %s', (_name, m) => {
    expect(doc).toContain(`### \`${m.name}\` — ${m.label.zh} / ${m.label.en}`);
    expect(doc).toContain(`- Formula: ${m.formula}`);
    if (m.caveats) expect(doc).toContain(m.caveats);
  });

  it.each(Object.values(DIMENSIONS).map((d) => [d.name, d] as const))(
    'documents dimension %s',
    (_name, d) => {
      expect(doc).toContain(`| \`${d.name}\` | ${d.label.zh} | ${d.label.en} | ${d.description} |`);
    },
  );
});
