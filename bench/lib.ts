/**
 * Benchmark helpers. Every figure is printed next to a baseline measured in the same run, as a ratio,
 * because absolute times depend on the machine and its load.
 */
import { spawnSync } from 'node:child_process';

export interface Timing {
  medianS: number;
  runsS: number[];
}

/** Runs fn `runs` times (after `warmup` unmeasured runs) and returns the median wall time in seconds. */
export async function time(fn: () => Promise<unknown>, runs = 3, warmup = 0): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const runsS: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    runsS.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const sorted = [...runsS].sort((a, b) => a - b);
  return { medianS: sorted[Math.floor(sorted.length / 2)], runsS };
}

export interface ProcessRun {
  wallS: number;
  peakRssMiB: number;
  stdout: string;
  stderr: string;
  status: number | null;
}

/** Runs a command in a child process under GNU time: wall time and peak resident memory. */
export function runMeasured(cmd: string, args: string[], cwd?: string): ProcessRun {
  const res = spawnSync('/usr/bin/time', ['-f', '__FUPAN_TIME__ %e %M', cmd, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const m = /__FUPAN_TIME__ ([\d.]+) (\d+)/.exec(res.stderr);
  return {
    wallS: m ? Number(m[1]) : Number.NaN,
    peakRssMiB: m ? Number(m[2]) / 1024 : Number.NaN,
    stdout: res.stdout,
    stderr: res.stderr.replace(/__FUPAN_TIME__.*\n?/, ''),
    status: res.status,
  };
}

export function fmtS(s: number): string {
  return `${s.toFixed(3)} s`;
}

/** One result line: name, fupan's time, the baseline, the ratio, and the target it is held to. */
export function report(
  name: string,
  fupanS: number,
  baselineName: string,
  baselineS: number,
  target?: { maxRatio: number },
): { name: string; ratio: number; ok: boolean | null } {
  const ratio = fupanS / baselineS;
  const ok = target ? ratio <= target.maxRatio : null;
  const verdict =
    ok === null
      ? ''
      : ok
        ? `  OK (target ≤ ${target!.maxRatio}×)`
        : `  MISSED (target ≤ ${target!.maxRatio}×)`;
  console.log(
    `${name.padEnd(44)} ${fmtS(fupanS).padStart(10)}   ${baselineName} ${fmtS(baselineS)}   ratio ${ratio.toFixed(2)}×${verdict}`,
  );
  return { name, ratio, ok };
}
