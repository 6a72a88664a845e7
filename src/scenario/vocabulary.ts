// A registry of step kinds by `op`: the built-in ones plus any a suite brings. Two kinds with one
// op is a mistake caught when the registry is built.
import { BUILTIN_STEPS } from './steps/index.js';
import type { AnyStepKind } from './types.js';

export class StepRegistry {
  private readonly kinds = new Map<string, AnyStepKind>();

  constructor(kinds: readonly AnyStepKind[] = BUILTIN_STEPS) {
    for (const k of kinds) this.add(k);
  }

  add(kind: AnyStepKind): void {
    const existing = this.kinds.get(kind.op);
    if (existing && existing !== kind) throw new Error(`two step kinds for op "${kind.op}"`);
    this.kinds.set(kind.op, kind);
  }

  get(op: string): AnyStepKind | undefined {
    return this.kinds.get(op);
  }

  ops(): string[] {
    return [...this.kinds.keys()];
  }
}
