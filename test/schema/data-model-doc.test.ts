import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DERIVED_TABLES, TABLES } from '../../src/schema/tables.js';

// docs/data-model.md is written from src/schema/tables.ts; this keeps the two from drifting apart.
describe('docs/data-model.md', () => {
  const doc = readFileSync('docs/data-model.md', 'utf8');
  for (const table of [...Object.values(TABLES), ...Object.values(DERIVED_TABLES)]) {
    it(`documents every column of ${table.name}, with the required ones in bold`, () => {
      const section = doc.split(`\n## ${table.name}\n`)[1]?.split('\n## ')[0];
      expect(section, `section for ${table.name}`).toBeDefined();
      expect(section).toContain(`Key: \`${table.key.join(', ')}\``);
      for (const col of table.columns) {
        const cell = col.required ? `| **${col.name}** |` : `| ${col.name} |`;
        expect(section).toContain(cell);
      }
    });
  }
});
