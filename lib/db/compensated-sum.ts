// Sums of floating-point columns that must come out the same on both backends. SQLite's sum() and
// total() compensate (Kahan–Babuška–Neumaier, since 3.43); PostgreSQL's sum(float8) adds plainly, and
// so can differ in the last bits. Where PostgreSQL must answer what SQLite answers, it reads the values
// and they are added here, as SQLite adds them (func.c: kahanBabuskaNeumaierStep, totalFinalize).

export class CompensatedSum {
  private sum = 0;
  private error = 0;

  add(value: number): void {
    const s = this.sum;
    const t = s + value;
    if (Math.abs(s) > Math.abs(value)) this.error += s - t + value;
    else this.error += value - t + s;
    this.sum = t;
  }

  /** total(): 0 for no values. */
  get value(): number {
    return Number.isFinite(this.error) ? this.sum + this.error : this.sum;
  }
}

/** SQLite's total() of `values`, in their order. */
export function compensatedTotal(values: Iterable<number>): number {
  const sum = new CompensatedSum();
  for (const value of values) sum.add(value);
  return sum.value;
}
