import type { QueryResult, QuerySpec } from '../metrics/types.js';
import type { QueryTrace } from './model.js';

/** The metric layer's query, bound to a warehouse. */
export type QueryFn = (spec: QuerySpec) => Promise<QueryResult>;

export interface TracedResult {
  /** Q1, Q2, … in the order the report ran them. */
  id: string;
  result: QueryResult;
}

/** Runs queries through the metric layer and keeps each spec and its SQL for the appendix. */
export class QueryRecorder {
  private readonly list: QueryTrace[] = [];

  constructor(private readonly queryFn: QueryFn) {}

  async run(spec: QuerySpec): Promise<TracedResult> {
    const result = await this.queryFn(spec);
    const id = `Q${this.list.length + 1}`;
    this.list.push({
      id,
      spec,
      sql: result.sql,
      ...(result.params ? { params: result.params } : {}),
      rowCount: result.rows.length,
    });
    return { id, result };
  }

  /** Keeps the SQL an analysis ran (see tracedWarehouse) and returns its id. */
  record(trace: Omit<QueryTrace, 'id'>): string {
    const id = `Q${this.list.length + 1}`;
    this.list.push({ id, ...trace });
    return id;
  }

  get traces(): QueryTrace[] {
    return [...this.list];
  }
}
