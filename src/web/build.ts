import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface WebAsset {
  file: string;
  /** Minified, uncompressed. */
  bytes: number;
  /** gzip level 9, as the server sends it to browsers without brotli. */
  gzipBytes: number;
  /** Loaded with the page (the entry, its static imports, the stylesheet, the preloaded chart code). */
  initial: boolean;
  /** What the file holds, for the build's listing. */
  holds: string;
}

export interface WebBuild {
  outdir: string;
  assets: WebAsset[];
  /** Bytes of the entry script and the stylesheet (minified, uncompressed). */
  jsBytes: number;
  cssBytes: number;
}

/** A short name of what a chunk holds: its largest source folders. */
function describe(out: Metafile['outputs'][string]): string {
  const by = new Map<string, number>();
  for (const [file, v] of Object.entries(out.inputs)) {
    const m = /node_modules\/([^/]+)/.exec(file);
    const key = m ? m[1] : file.replace(/^.*src\/web\//, '').replace(/\/[^/]*$/, '') || 'web';
    by.set(key, (by.get(key) ?? 0) + v.bytesInOutput);
  }
  return (
    [...by]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([k]) => k)
      .join(', ') || 'shared code'
  );
}

/**
 * Builds the dashboard into `outdir`: index.html plus content-hashed, minified ES modules in assets/:
 * the entry app-*.js (Preact, the shell, the KPI cards), chunk-*.js loaded on demand (ECharts — only
 * the charts and components used — the breakdown page, the panels below the fold), and app-*.css.
 * The ECharts chunk is preloaded (the overview's trend needs it at once). Run at package build time
 * (`npm run build:web`); the server only serves what is there.
 */
export async function buildWeb(outdir: string, opts: { minify?: boolean } = {}): Promise<WebBuild> {
  const out = resolve(outdir);
  rmSync(join(out, 'assets'), { recursive: true, force: true });
  mkdirSync(join(out, 'assets'), { recursive: true });
  const result = await build({
    entryPoints: { app: join(HERE, 'main.tsx'), styles: join(HERE, 'styles.css') },
    bundle: true,
    splitting: true,
    minify: opts.minify ?? true,
    format: 'esm',
    target: ['es2020', 'chrome100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: join(out, 'assets'),
    entryNames: 'app-[hash]',
    chunkNames: 'chunk-[hash]',
    metafile: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const outputs = result.metafile.outputs;
  // (lazily imported modules are entry points of their own in the metafile: pick main.tsx's)
  const entry = Object.keys(outputs).find(
    (f) => f.endsWith('.js') && outputs[f].entryPoint?.endsWith('src/web/main.tsx'),
  );
  const css = Object.keys(outputs).find((f) => f.endsWith('.css'));
  if (!entry || !css) throw new Error('web build produced no script or stylesheet');
  const charts = Object.keys(outputs).find(
    (f) => f.endsWith('.js') && Object.keys(outputs[f].inputs).some((i) => i.includes('echarts/lib/core')),
  );
  // what the page loads before anything is clicked or scrolled to
  const initial = new Set<string>([css]);
  const visit = (f: string) => {
    if (initial.has(f)) return;
    initial.add(f);
    for (const i of outputs[f].imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry);
  if (charts) visit(charts);
  const assets: WebAsset[] = Object.keys(outputs)
    .filter((f) => !f.endsWith('.map') && !(f.endsWith('.js') && outputs[f].entryPoint?.endsWith('.css')))
    .map((f) => ({
      file: basename(f),
      bytes: outputs[f].bytes,
      gzipBytes: gzipSync(readFileSync(f), { level: 9 }).byteLength,
      initial: initial.has(f),
      holds: f.endsWith('.css') ? 'styles' : describe(outputs[f]),
    }))
    .sort((a, b) => Number(b.initial) - Number(a.initial) || b.bytes - a.bytes);
  const preload = charts ? `<link rel="modulepreload" href="/assets/${basename(charts)}" />\n    ` : '';
  const html = readFileSync(join(HERE, 'index.html'), 'utf8')
    .replace('{{js}}', basename(entry))
    .replace('{{css}}', basename(css))
    .replace('{{preload}}', preload);
  writeFileSync(join(out, 'index.html'), html);
  return { outdir: out, assets, jsBytes: outputs[entry].bytes, cssBytes: outputs[css].bytes };
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** The build's listing: every file, minified and gzip sizes, and what the page loads up front. */
export function sizeReport(b: WebBuild): string {
  const rows = b.assets.map(
    (a) =>
      `  ${a.initial ? 'initial' : 'lazy   '}  ${a.file.padEnd(22)} ${kib(a.bytes).padStart(10)}  gzip ${kib(a.gzipBytes).padStart(9)}  ${a.holds}`,
  );
  const sum = (xs: WebAsset[], f: (a: WebAsset) => number) => xs.reduce((s, a) => s + f(a), 0);
  const first = b.assets.filter((a) => a.initial);
  return [
    `dist/web (${b.assets.length} files):`,
    ...rows,
    `  initial load ${kib(sum(first, (a) => a.bytes))}, gzip ${kib(sum(first, (a) => a.gzipBytes))}; ` +
      `everything ${kib(sum(b.assets, (a) => a.bytes))}, gzip ${kib(sum(b.assets, (a) => a.gzipBytes))}`,
    '',
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ?? resolve(HERE, '../../dist/web');
  buildWeb(outdir).then(
    (b) => process.stdout.write(sizeReport(b)),
    (e) => {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
