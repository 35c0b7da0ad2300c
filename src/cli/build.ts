import { rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * The `fupan` command as esbuild bundles it into `dist/bin`: `fupan.js` (the package's bin), the demo's
 * order writer `order-worker.js`, and shared chunks that commands still load only when they run (the
 * report's ECharts, the server, the importers). tsc writes the library (`dist/index.js`) and its types;
 * this is only the command. Loading ~900 ES modules one by one cost a third of a short command: at
 * 10.9 M order lines, `fupan report --sections none` went from 1.10–1.16 s to 0.70–0.85 s wall (the
 * DuckDB API alone took 0.11 s to load as modules).
 *
 * The output must stay two folders below the package root: modules find `dist/web` and `package.json`
 * at `../../` from their own URL, as they do from `src/<dir>/` and tsc's `dist/<dir>/`. The DuckDB
 * bindings stay outside (a native addon, resolved from node_modules at run time).
 */
export async function buildCli(outdir = resolve(HERE, '../../dist/bin')): Promise<string[]> {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: {
      fupan: resolve(HERE, 'main.ts'),
      'order-worker': resolve(HERE, '../demo/order-worker.ts'),
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@duckdb/node-bindings', '@duckdb/node-bindings-*'],
    // CommonJS dependencies (commander, iconv-lite, cli-progress) call require(); ES modules have none
    banner: {
      js: "import { createRequire as __fupanRequire } from 'node:module';\nconst require = __fupanRequire(import.meta.url);",
    },
    metafile: true,
    logLevel: 'warning',
  });
  return Object.keys(result.metafile.outputs);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildCli(process.argv[2] ? resolve(process.argv[2]) : undefined).then(
    (files) => process.stdout.write(`dist/bin: ${files.length} files\n`),
    (e) => {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
