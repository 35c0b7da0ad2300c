import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { FupanError } from '../errors.js';
import { TABLE_NAMES, TABLES } from '../schema/tables.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { contentHash, contentHashInBackground } from './content-hash.js';
import { detectEncoding } from './encoding.js';
import {
  type FastLoad,
  FastPathDeclined,
  fastPath,
  fastPathApplies,
  loadFast,
  type PreparedFast,
  prepareFast,
} from './fast-load.js';
import { importedBefore, previousImport } from './ledger.js';
import { detectPreset, loadMapping, type MappingSpec } from './mapping-spec.js';
import { buildPlan, type LoadPlan } from './plan.js';
import { type ImportContext, recordAndRefresh } from './record.js';
import { writeRejects } from './rejects.js';
import { derivedOrdersSource, mainSource } from './sources.js';
import { type CsvLayout, csvLayout, RAW, type Staged, sourceKind, stageFile } from './stage.js';
import { allowedDirs, isInside } from './temp-files.js';
import { buildTyped, cellRejects, TYPED } from './typed.js';
import type { ImportOptions, ImportResult, RejectedRow } from './types.js';
import { CLASSIFIED, TOUCHED_CUSTOMERS, upsert } from './upsert.js';

/** Cells listed in a result and the rejects file; the counts stay exact beyond it. */
const MAX_REJECTS = 10_000;

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function checkReadable(wh: Warehouse, path: string): Promise<void> {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new FupanError('INGEST_BAD_FILE', `${path}: file not found`, { file: path });
  }
  const dirs = await allowedDirs(wh);
  if (!isInside(path, dirs)) {
    throw new FupanError(
      'INGEST_BAD_FILE',
      `${path} is outside the folders this database may read (${dirs.join(', ')}). ` +
        'Open the warehouse with allowedDirs including its folder (the CLI does this for the files it is given).',
      { file: path },
    );
  }
}

/** Order-level checks of line exports: orders without placed_at, and siblings of rejected rows. */
async function orderLevelRejects(
  wh: Warehouse,
  plan: LoadPlan,
): Promise<Array<{ row: number; reason: string }>> {
  if (!plan.deriveOrders) return [];
  const placed = plan.fields.find((f) => f.column === 'placed_at');
  const rows = await wh.query(
    `WITH o AS (SELECT order_id, bool_or(_bad) AS any_bad, count(${placed ? 'placed_at' : 'NULL'}) AS placed
                FROM ${TYPED} GROUP BY order_id)
     SELECT t._row, CASE WHEN o.placed = 0 THEN 'no row of this order has a valid placed_at'
                         ELSE 'another row of this order was rejected' END AS reason
     FROM ${TYPED} t JOIN o USING (order_id)
     WHERE NOT t._bad AND (o.any_bad OR o.placed = 0) ORDER BY t._row`,
  );
  if (rows.length > 0) {
    await wh.exec(
      `UPDATE ${TYPED} SET _bad = true WHERE order_id IN (SELECT order_id FROM ${TYPED} GROUP BY order_id HAVING bool_or(_bad) OR count(${placed ? 'placed_at' : 'NULL'}) = 0)`,
    );
  }
  return rows.map((r) => ({ row: Number(r._row), reason: String(r.reason) }));
}

/** Drops all but the last row of each natural key (last row wins); returns how many were dropped. */
async function dropDuplicateKeys(wh: Warehouse, plan: LoadPlan): Promise<number> {
  const keys = TABLES[plan.table].key.filter((k) =>
    plan.fields.some((f) => f.column === k && f.table === plan.table),
  );
  if (keys.length === 0 || (plan.table === 'order_lines' && !keys.includes('line_no'))) return 0;
  const keyList = keys.map(q).join(', ');
  const [{ n }] = await wh.query(
    `SELECT coalesce(sum(c - 1), 0) AS n FROM (SELECT count(*) AS c FROM ${TYPED} WHERE NOT _bad GROUP BY ${keyList} HAVING count(*) > 1)`,
  );
  if (Number(n) === 0) return 0;
  await wh.exec(
    `DELETE FROM ${TYPED} WHERE _row IN (SELECT _row FROM (SELECT _row, row_number() OVER (PARTITION BY ${keyList} ORDER BY _row DESC) AS rn FROM ${TYPED} WHERE NOT _bad) WHERE rn > 1)`,
  );
  return Number(n);
}

function tooManyMessage(file: string, rejects: RejectedRow[], rejected: number, rejectsFile: string): string {
  const shown = rejects
    .slice(0, 5)
    .map((r) => `  line ${r.line}, column ${r.column}: "${r.value}" — ${r.reason}`)
    .join('\n');
  return (
    `${file}: ${rejected} bad row(s); nothing was loaded.\n${shown}${rejects.length > 5 ? '\n  …' : ''}\n` +
    `All rejects: ${rejectsFile}. Fix them, or import with --skip-bad-rows to load the good rows.`
  );
}

/**
 * The fast path (fast-load.ts) for a UTF-8 CSV file: the finished result, or undefined when the file
 * must go through the validating path (nothing was written then).
 */
async function importFast(
  wh: Warehouse,
  ctx: ImportContext,
  spec: MappingSpec | undefined,
  opts: ImportOptions,
  progress: (fraction: number) => void,
  hashed: () => Promise<void>,
): Promise<ImportResult | undefined> {
  if (sourceKind(ctx.path, spec?.format) !== 'csv') return undefined;
  let plan: LoadPlan;
  let layout: CsvLayout;
  let mapping = spec?.name ?? 'auto';
  try {
    const encoding = detectEncoding(ctx.path);
    if (encoding !== 'utf8' && encoding !== 'utf8-bom') return undefined;
    layout = csvLayout(ctx.path, spec?.format);
    let s = spec;
    if (!s && !opts.table) {
      s = detectPreset(layout.header);
      mapping = s?.name ?? mapping;
    }
    plan = buildPlan(layout.header, s, opts.table, ctx.file);
  } catch {
    return undefined; // the validating path reports it
  }
  if (!fastPathApplies(plan)) return undefined;
  const declined = (e: unknown) =>
    e instanceof FastPathDeclined ? e : new FastPathDeclined((e as Error).message);
  try {
    let prepared: PreparedFast;
    try {
      progress(0.25);
      prepared = await prepareFast(wh, plan, layout);
    } catch (e) {
      throw declined(e);
    }
    return await wh.transaction(async () => {
      let loaded: FastLoad;
      try {
        if (prepared.kind === 'classified') progress(0.75);
        loaded = await loadFast(wh, plan, prepared);
        progress(0.75);
      } catch (e) {
        throw declined(e);
      }
      const { rowsRead, counts } = loaded;
      await hashed(); // the content hash, for the ledger (it may throw AlreadyImported: roll back)
      await recordAndRefresh(wh, ctx, { table: plan.table, mapping, rowsRead, rejected: 0 }, counts);
      return {
        file: ctx.file,
        table: plan.table,
        alsoLoaded: [],
        contentHash: ctx.hash,
        rowsRead,
        inserted: counts.inserted,
        updated: counts.updated,
        unchanged: counts.unchanged,
        rejected: 0,
        rejects: [],
        skippedAsDuplicate: false,
        ms: 0,
        mapping,
        duplicateKeys: 0,
        loadPath: 'typed',
      };
    });
  } catch (e) {
    if (e instanceof FastPathDeclined) return undefined;
    throw e;
  }
}

async function dropTemps(wh: Warehouse): Promise<void> {
  const perTable = TABLE_NAMES.flatMap((t) => [`_fupan_src_${t}`, `${CLASSIFIED}_${t}`]);
  const temps = [RAW, TYPED, TOUCHED_CUSTOMERS, ...perTable];
  await wh.exec(temps.map((t) => `DROP TABLE IF EXISTS ${t};`).join(' ')).catch(() => undefined);
}

/** Thrown inside the fast path's transaction when the content turns out to be imported already. */
class AlreadyImported extends Error {
  constructor(readonly result: ImportResult) {
    super('identical content was imported before');
  }
}

/** Imports one file in one transaction (see docs/ingest.md). */
export async function importFile(wh: Warehouse, file: string, opts: ImportOptions): Promise<ImportResult> {
  const started = new Date();
  const t0 = performance.now();
  const path = resolve(file);
  await checkReadable(wh, path);
  const size = Math.max(1, statSync(path).size);
  let reported = -1;
  const progress = (fraction: number) => {
    if (fraction <= reported) return; // phases may overlap (background hashing): never go back
    reported = fraction;
    opts.onProgress?.({ file, done: Math.round(size * fraction), total: size, unit: 'bytes' });
  };
  let spec = opts.mapping ? loadMapping(opts.mapping) : undefined;
  let mappingName = spec?.name ?? 'auto';
  const lookup = { table: opts.table ?? spec?.table, mapping: mappingName };
  /** The result when identical content was imported before (and --force is not given). */
  const duplicateOf = async (hash: string): Promise<ImportResult | undefined> => {
    const prev = opts.force ? undefined : await previousImport(wh, hash, lookup.table, lookup.mapping);
    if (!prev) return undefined;
    progress(1);
    return {
      file,
      contentHash: hash,
      alsoLoaded: [],
      rejects: [],
      mapping: lookup.mapping,
      table: prev.table,
      rowsRead: prev.rowsRead,
      inserted: 0,
      updated: 0,
      unchanged: prev.loaded,
      rejected: prev.rejected,
      skippedAsDuplicate: true,
      ms: performance.now() - t0,
    };
  };

  // A large file not imported from this path before is most likely new: it is hashed on a worker
  // while the fast path loads it, and the check for identical content runs just before the commit.
  // Otherwise (and whenever the validating path runs) the hash and the check come first.
  const background =
    size >= fastPath.backgroundHashBytes && (opts.force || !(await importedBefore(wh, path)));
  const hashing = background
    ? contentHashInBackground(path)
    : contentHash(path, (d) => progress((d / size) * 0.2));
  hashing.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
  if (!background) {
    const dup = await duplicateOf(await hashing);
    if (dup) return dup;
  }

  const ctx: ImportContext = { file, path, hash: '', started };
  const hashed = async () => {
    ctx.hash = await hashing;
    if (background) {
      const dup = await duplicateOf(ctx.hash);
      if (dup) throw new AlreadyImported(dup);
    }
  };
  try {
    const fast = await importFast(wh, ctx, spec, opts, progress, hashed);
    if (fast) {
      progress(1);
      return { ...fast, contentHash: ctx.hash, ms: performance.now() - t0 };
    }
  } catch (e) {
    if (e instanceof AlreadyImported) return { ...e.result, ms: performance.now() - t0 };
    throw e;
  } finally {
    await dropTemps(wh);
  }
  try {
    await hashed();
  } catch (e) {
    if (e instanceof AlreadyImported) return { ...e.result, ms: performance.now() - t0 };
    throw e;
  }
  const hash = ctx.hash;
  const base = {
    file,
    contentHash: hash,
    alsoLoaded: [] as ImportResult['alsoLoaded'],
    rejects: [] as RejectedRow[],
    mapping: mappingName,
  };

  let staged: Staged | undefined;
  try {
    staged = await stageFile(wh, path, spec?.format, (d) => progress(0.2 + (d / size) * 0.05));
    progress(0.5);
    if (!spec && !opts.table) {
      spec = detectPreset(staged.header);
      mappingName = spec?.name ?? mappingName;
    }
    const plan = buildPlan(staged.header, spec, opts.table, file);
    let bad = await buildTyped(wh, plan);
    const orderLevel = await orderLevelRejects(wh, plan);
    if (orderLevel.length > 0) {
      const [{ n }] = await wh.query(`SELECT count(*) FILTER (WHERE _bad) AS n FROM ${TYPED}`);
      bad = Number(n);
    }
    progress(0.75);

    let rejects: RejectedRow[] = [];
    let rejectsFile: string | undefined;
    if (bad > 0) {
      const cells = await cellRejects(wh, plan, MAX_REJECTS);
      const orderIdSource = plan.fields.find((f) => f.column === 'order_id')?.source ?? 'order_id';
      const all = [
        ...cells,
        ...orderLevel
          .slice(0, MAX_REJECTS)
          .map((o) => ({ row: o.row, column: orderIdSource, value: '', reason: o.reason })),
      ].sort((a, b) => a.row - b.row);
      const lines = staged.lines([...new Set(all.map((c) => c.row))]);
      rejects = all.slice(0, MAX_REJECTS).map((c) => ({
        file,
        line: lines.get(c.row) ?? c.row + 2,
        column: c.column,
        value: c.value,
        reason: c.reason,
      }));
      rejectsFile = writeRejects(wh, file, rejects, opts.rejectsDir);
      if (!opts.skipBadRows) {
        const first = rejects[0];
        throw new FupanError('INGEST_BAD_ROW', tooManyMessage(file, rejects, bad, rejectsFile), {
          file,
          table: plan.table,
          rowsRead: staged.rows,
          line: first?.line,
          column: first?.column,
          value: first?.value,
          rejected: bad,
          rejects,
          rejectsFile,
        });
      }
    }
    const duplicateKeys = await dropDuplicateKeys(wh, plan);

    // The sources read the typed table (derived orders: a temp table built here), so only the writes
    // to the canonical tables, the ledger and derived data are inside the transaction.
    const main = await mainSource(wh, plan);
    const orders = plan.deriveOrders ? await derivedOrdersSource(wh, plan) : undefined;
    const result = await wh.transaction(async () => {
      // orders first: lines take their order's paid date and customer while they are inserted
      const oc = orders ? await upsert(wh, 'orders', orders.name, orders.columns) : undefined;
      const counts = await upsert(wh, main.table, main.name, main.columns);
      const write = { table: plan.table, mapping: mappingName, rowsRead: staged!.rows, rejected: bad };
      const alsoLoaded = await recordAndRefresh(wh, ctx, write, counts, oc);
      const { inserted, updated, unchanged } = counts;
      return { counts: { inserted, updated, unchanged }, alsoLoaded };
    });
    progress(1);
    return {
      ...base,
      table: plan.table,
      alsoLoaded: result.alsoLoaded,
      rowsRead: staged.rows,
      ...result.counts,
      rejected: bad,
      rejects,
      rejectsFile,
      skippedAsDuplicate: false,
      mapping: mappingName,
      duplicateKeys,
      loadPath: 'validating',
      ms: performance.now() - t0,
    };
  } finally {
    staged?.dispose();
    await dropTemps(wh);
  }
}
