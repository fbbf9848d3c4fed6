/** Shared bench helpers: a report shape, percentiles, and printing with ratio to baseline and target. */
export type TFigure = {
  name: string;
  value: number;
  unit: string;
  /** The same-run baseline this figure is compared with. */
  baseline?: { name: string; value: number };
  /** The target, and whether higher or lower is better. */
  target?: { value: number; better: 'higher' | 'lower' };
};
export type TBenchReport = { title: string; figures: TFigure[]; notes?: string[] };

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));

export function printReport(r: TBenchReport): void {
  console.log(`  ${r.title}`);
  for (const f of r.figures) {
    let line = `    ${f.name}: ${fmt(f.value)} ${f.unit}`;
    if (f.baseline) line += `  | baseline ${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit}, ratio ${(f.value / f.baseline.value).toFixed(2)}×`;
    if (f.target) {
      const ok = f.target.better === 'higher' ? f.value >= f.target.value : f.value <= f.target.value;
      line += `  | target ${f.target.better === 'higher' ? '≥' : '≤'} ${fmt(f.target.value)} ${f.unit}: ${ok ? 'met' : 'NOT met'}`;
    }
    console.log(line);
  }
  for (const n of r.notes ?? []) console.log(`    note: ${n}`);
}
