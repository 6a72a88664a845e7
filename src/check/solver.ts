// Difference constraints over event times (milliseconds), kept as all-pairs shortest paths so each
// new constraint is checked and applied in O(n²) and a search branch is a cheap copy. A system of
// constraints t_b - t_a ≤ w is satisfiable iff its graph has no negative cycle. PURE.

/** A time expression: the time of variable `v` plus a constant offset in ms. */
export interface Term {
  v: number;
  off: number;
}

export const UNBOUNDED = 1e15;

export const at = (v: number, off = 0): Term => ({ v, off });

export class Solver {
  private n: number;
  private cap: number;
  /** d[i * cap + j]: tightest known upper bound on t_j - t_i. */
  private d: Float64Array;

  private constructor(n: number, cap: number, d: Float64Array) {
    this.n = n;
    this.cap = cap;
    this.d = d;
  }

  /** A solver holding only the origin variable 0 (time zero). */
  static create(capacity = 16): Solver {
    const cap = Math.max(1, capacity);
    const d = new Float64Array(cap * cap).fill(UNBOUNDED);
    d[0] = 0;
    return new Solver(1, cap, d);
  }

  clone(): Solver {
    return new Solver(this.n, this.cap, this.d.slice());
  }

  get size(): number {
    return this.n;
  }

  /** Adds a variable with lo ≤ t ≤ hi. Returns its index, or -1 when lo > hi. */
  addVar(lo: number, hi: number): number {
    if (lo > hi) return -1;
    if (this.n === this.cap) this.grow();
    const v = this.n++;
    const { d, cap } = this;
    // Only edges: origin→v (t_v - t_0 ≤ hi) and v→origin (t_0 - t_v ≤ -lo).
    for (let i = 0; i < v; i++) d[i * cap + v] = Math.min(UNBOUNDED, d[i * cap]! + hi);
    for (let j = 0; j < v; j++) d[v * cap + j] = Math.min(UNBOUNDED, -lo + d[j]!);
    d[v * cap + v] = 0;
    return v;
  }

  /** Upper bound on t_b - t_a. */
  maxDiff(a: number, b: number): number {
    return this.d[a * this.cap + b]!;
  }

  /** Earliest and latest possible value of a term. */
  bounds(t: Term): [number, number] {
    return [-this.maxDiff(t.v, 0) + t.off, this.maxDiff(0, t.v) + t.off];
  }

  /** Can `a ≤ b` hold together with everything already asserted? */
  canLe(a: Term, b: Term): boolean {
    // a ≤ b  ⇔  t_a - t_b ≤ b.off - a.off; infeasible iff min(t_a - t_b) = -maxDiff(a, b) > b.off - a.off
    return -this.maxDiff(a.v, b.v) <= b.off - a.off + 1e-9;
  }

  /** Does everything asserted force `a ≤ b`? */
  mustLe(a: Term, b: Term): boolean {
    return this.maxDiff(b.v, a.v) <= b.off - a.off + 1e-9;
  }

  /** Asserts a ≤ b. Returns false (and leaves the solver unusable for this branch) when infeasible. */
  le(a: Term, b: Term): boolean {
    // t_a - t_b ≤ w with w = b.off - a.off: edge b → a with weight w.
    return this.addEdge(b.v, a.v, b.off - a.off);
  }

  /** Asserts a < b, with a small margin (times are real numbers; the margin stands for "strictly"). */
  lt(a: Term, b: Term): boolean {
    return this.le({ v: a.v, off: a.off + 1e-6 }, b);
  }

  private addEdge(u: number, v: number, w: number): boolean {
    const { d, cap, n } = this;
    if (d[v * cap + u]! + w < -1e-9) return false;
    if (d[u * cap + v]! <= w) return true; // already implied
    for (let i = 0; i < n; i++) {
      const iu = d[i * cap + u]!;
      if (iu >= UNBOUNDED) continue;
      const base = iu + w;
      const row = i * cap;
      const vrow = v * cap;
      for (let j = 0; j < n; j++) {
        const vj = d[vrow + j]!;
        if (vj >= UNBOUNDED) continue;
        const cand = base + vj;
        if (cand < d[row + j]!) d[row + j] = cand;
      }
    }
    return true;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const d = new Float64Array(cap * cap).fill(UNBOUNDED);
    for (let i = 0; i < this.n; i++) for (let j = 0; j < this.n; j++) d[i * cap + j] = this.d[i * this.cap + j]!;
    this.cap = cap;
    this.d = d;
  }
}
