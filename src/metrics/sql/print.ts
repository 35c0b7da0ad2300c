import type { Dialect } from '../../warehouse/dialect.js';
import type { Column, Expr, From, Select } from './ast.js';

/** Printed SQL with its bound values in placeholder order. */
export interface CompiledSql {
  sql: string;
  params: Array<string | number>;
}

/** Prints a syntax tree for a dialect. User values become placeholders; equal values share one. */
export function printSql(query: Select, dialect: Dialect): CompiledSql {
  const params: Array<string | number> = [];
  const slots = new Map<string, number>();
  const q = (name: string) => dialect.quoteIdent(name);

  function placeholder(value: string | number): string {
    const key = `${typeof value}:${value}`;
    let index = slots.get(key);
    if (index === undefined) {
      params.push(value);
      index = params.length;
      slots.set(key, index);
    }
    return dialect.param(index);
  }

  function expr(e: Expr): string {
    switch (e.kind) {
      case 'col':
        return e.table ? `${e.table}.${q(e.name)}` : q(e.name);
      case 'param':
        return placeholder(e.value);
      case 'lit':
        if (e.value === null) return 'NULL';
        if (typeof e.value === 'string') return `'${e.value.replaceAll("'", "''")}'`;
        if (!Number.isFinite(e.value)) throw new Error(`non-finite literal ${e.value}`);
        return String(e.value);
      case 'call':
        return `${e.fn}(${e.args.map(expr).join(', ')})`;
      case 'binary':
        return `(${expr(e.left)} ${e.op} ${expr(e.right)})`;
      case 'isNull':
        return `(${expr(e.expr)} IS ${e.negate ? 'NOT ' : ''}NULL)`;
      case 'in':
        if (e.values.length === 0) return e.negate ? '(1 = 1)' : '(1 = 0)';
        return `(${expr(e.expr)} ${e.negate ? 'NOT IN' : 'IN'} (${e.values.map(expr).join(', ')}))`;
      case 'case': {
        const whens = e.whens.map(([w, t]) => `WHEN ${expr(w)} THEN ${expr(t)}`).join(' ');
        return `CASE ${whens}${e.otherwise ? ` ELSE ${expr(e.otherwise)}` : ''} END`;
      }
      case 'cast':
        return `CAST(${expr(e.expr)} AS ${e.type})`;
      case 'agg':
        return `${e.fn}(${e.arg ? expr(e.arg) : '*'})`;
      case 'moneySum':
        return dialect.moneySum(expr(e.arg));
      case 'dateLabel':
        return dialect.dateLabel(e.grain, expr(e.expr), e.weekStart);
      case 'dateTrunc':
        return dialect.dateTrunc(e.grain, expr(e.expr), e.weekStart);
      case 'safeDivide':
        return dialect.safeDivide(expr(e.num), expr(e.den));
      case 'groupingId':
        return `grouping_id(${e.args.map(expr).join(', ')})`;
      case 'star':
        return `${e.table}.*`;
      case 'scalar':
        return `(${selectSql(e.query, '').replaceAll('\n', ' ')})`;
    }
  }

  function from(f: From, indent: string): string {
    switch (f.kind) {
      case 'table':
        return `${q(f.name)} AS ${f.alias}`;
      case 'subquery':
        return `(\n${selectSql(f.query, `${indent}  `)}\n${indent}) AS ${f.alias}`;
      case 'unionAll': {
        const parts = f.queries.map((s) => selectSql(s, `${indent}  `));
        return `(\n${parts.join(`\n${indent}  UNION ALL\n`)}\n${indent}) AS ${f.alias}`;
      }
      case 'join': {
        const left = from(f.left, indent);
        const right = from(f.right, indent);
        if (f.type === 'CROSS') return `${left}\n${indent}CROSS JOIN ${right}`;
        const kind = f.type === 'FULL' ? 'FULL OUTER' : f.type;
        return `${left}\n${indent}${kind} JOIN ${right} ON ${f.on ? expr(f.on) : 'TRUE'}`;
      }
    }
  }

  function column(c: Column): string {
    return c.expr.kind === 'star' ? expr(c.expr) : `${expr(c.expr)} AS ${q(c.as)}`;
  }

  function selectSql(s: Select, indent: string): string {
    const ctes = (s.with ?? []).map(
      (c) => `${q(c.name)} AS (\n${selectSql(c.query, `${indent}  `)}\n${indent})`,
    );
    const lines = [
      ...(ctes.length > 0 ? [`${indent}WITH ${ctes.join(`,\n${indent}`)}`] : []),
      `${indent}SELECT ${s.columns.map(column).join(`,\n${indent}  `)}`,
      `${indent}FROM ${from(s.from, indent)}`,
    ];
    if (s.where) lines.push(`${indent}WHERE ${expr(s.where)}`);
    if (s.groupBy && s.groupBy.length > 0) lines.push(`${indent}GROUP BY ${s.groupBy.map(expr).join(', ')}`);
    if (s.groupingSets) {
      if (s.groupBy && s.groupBy.length > 0) throw new Error('GROUP BY and GROUPING SETS in one select');
      const sets = s.groupingSets.map((set) => `(${set.map(expr).join(', ')})`);
      lines.push(`${indent}GROUP BY GROUPING SETS (${sets.join(', ')})`);
    }
    if (s.orderBy && s.orderBy.length > 0) {
      const items = s.orderBy.map((o) => `${expr(o.expr)} ${o.desc ? 'DESC' : 'ASC'} NULLS LAST`);
      lines.push(`${indent}ORDER BY ${items.join(', ')}`);
    }
    if (s.limit !== undefined) {
      if (!Number.isInteger(s.limit) || s.limit < 0) throw new Error(`bad limit ${s.limit}`);
      lines.push(`${indent}LIMIT ${s.limit}`);
    }
    return lines.join('\n');
  }

  return { sql: selectSql(query, ''), params };
}
