import type { Messages } from '../i18n/messages.js';
import type { QueryTrace } from '../model.js';

export interface StatementText {
  /** What the statement computes (the period, or a comparison base) when that is known. */
  label?: string;
  /** `-- $1 = '2026-10-01', $2 = '2026-10-31'` followed by the SQL. */
  text: string;
}

/** The query spec on one line, as `fupan query` scripts would write it. */
export function specText(q: QueryTrace): string {
  return JSON.stringify(q.spec);
}

function literal(v: string | number): string {
  return typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`;
}

/**
 * The statements of a query. When there is one statement per period (the period first, then each
 * comparison in the order of `spec.compare`) they are labelled; a single statement computing all
 * periods at once is not.
 */
export function statementTexts(q: QueryTrace, msg: Messages): StatementText[] {
  const compare = 'metrics' in q.spec ? (q.spec.compare ?? []) : [];
  const kinds = ['period', ...compare] as Array<'period' | 'mom' | 'yoy'>;
  const labelled = q.sql.length > 1 && q.sql.length === kinds.length;
  return q.sql.map((sql, i) => {
    const params = q.params?.[i] ?? [];
    const header = params.length
      ? `-- ${msg.appendix.params}: ${params.map((v, j) => `$${j + 1} = ${literal(v)}`).join(', ')}\n`
      : '';
    const text = `${header}${sql.trim()}`;
    return labelled ? { label: msg.appendix.statement(kinds[i]), text } : { text };
  });
}
