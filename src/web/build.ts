import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface WebBuild {
  outdir: string;
  /** Bytes of the script and the stylesheet (minified, uncompressed). */
  jsBytes: number;
  cssBytes: number;
}

/**
 * Builds the dashboard into `outdir`: index.html plus content-hashed, minified assets/app-*.js and
 * assets/app-*.css (ECharts tree-shaken to the charts used). Run at package build time
 * (`npm run build:web`); the server only serves what is there.
 */
export async function buildWeb(outdir: string, opts: { minify?: boolean } = {}): Promise<WebBuild> {
  const out = resolve(outdir);
  rmSync(join(out, 'assets'), { recursive: true, force: true });
  mkdirSync(join(out, 'assets'), { recursive: true });
  const result = await build({
    entryPoints: { app: join(HERE, 'main.tsx'), styles: join(HERE, 'styles.css') },
    bundle: true,
    minify: opts.minify ?? true,
    format: 'esm',
    target: ['es2020', 'chrome100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: join(out, 'assets'),
    entryNames: 'app-[hash]',
    metafile: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const outputs = Object.entries(result.metafile.outputs);
  const js = outputs.find(([f]) => f.endsWith('.js'));
  const css = outputs.find(([f]) => f.endsWith('.css'));
  if (!js || !css) throw new Error('web build produced no script or stylesheet');
  const html = readFileSync(join(HERE, 'index.html'), 'utf8')
    .replace('{{js}}', basename(js[0]))
    .replace('{{css}}', basename(css[0]));
  writeFileSync(join(out, 'index.html'), html);
  return { outdir: out, jsBytes: js[1].bytes, cssBytes: css[1].bytes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ?? resolve(HERE, '../../dist/web');
  buildWeb(outdir).then(
    (b) =>
      process.stdout.write(
        `dist/web: app.js ${(b.jsBytes / 1024).toFixed(0)} KiB, app.css ${(b.cssBytes / 1024).toFixed(0)} KiB\n`,
      ),
    (e) => {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
