import type { Param, Row, Warehouse } from '../warehouse/warehouse.js';
import type { QueryTrace } from './model.js';

export type SqlTrace = Pick<QueryTrace, 'sql' | 'params' | 'rowCount'>;

const shown = (v: Param): string | number =>
  typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : v === null ? 'NULL' : String(v);

/**
 * A view of a warehouse that keeps the SQL, bound values and row counts of the queries run through it,
 * so that the report's appendix can show what an analysis outside the metric layer ran. `take()`
 * returns what was kept since the last call.
 */
export function tracedWarehouse(wh: Warehouse): { wh: Warehouse; take(): SqlTrace } {
  let kept: SqlTrace = { sql: [], params: [], rowCount: 0 };
  const query = async (sql: string, params: Param[] = []): Promise<Row[]> => {
    const rows = await wh.query(sql, params);
    kept.sql.push(sql);
    kept.params!.push(params.map(shown));
    kept.rowCount += rows.length;
    return rows;
  };
  const view = new Proxy(wh, {
    get(target, prop) {
      if (prop === 'query') return query;
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return {
    wh: view,
    take() {
      const t = kept;
      kept = { sql: [], params: [], rowCount: 0 };
      return t;
    },
  };
}
