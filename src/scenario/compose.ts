// Helpers suites use to compose scenarios from step arbitraries.
import fc from 'fast-check';
import type { StepBase } from './types.js';

/** 1..maxProcesses processes of 1..maxSteps steps each. */
export const processes = (step: fc.Arbitrary<StepBase>, opts: { maxProcesses: number; maxSteps: number }): fc.Arbitrary<StepBase[][]> =>
  fc.array(fc.array(step, { minLength: 1, maxLength: opts.maxSteps }), { minLength: 1, maxLength: opts.maxProcesses });

/**
 * Every item, always, in order (a seed must not decide what is probed: issue 12); shrinking keeps
 * a half at a time, so a failing list narrows down to the items that fail.
 */
export function enumerated<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  return new Enumerated(items);
}

class Enumerated<T> extends fc.Arbitrary<T[]> {
  constructor(private readonly items: readonly T[]) {
    super();
  }

  generate(): fc.Value<T[]> {
    return new fc.Value([...this.items], undefined);
  }

  canShrinkWithoutContext(value: unknown): value is T[] {
    return Array.isArray(value) && value.every((x) => this.items.includes(x as T));
  }

  shrink(value: T[]): fc.Stream<fc.Value<T[]>> {
    if (value.length <= 1) return fc.Stream.nil();
    const half = Math.ceil(value.length / 2);
    return fc.Stream.of(new fc.Value(value.slice(0, half), undefined), new fc.Value(value.slice(half), undefined));
  }
}
