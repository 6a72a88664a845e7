// sleep: a process waits (timers are what the lifecycle is made of). Sends nothing.
import fc from 'fast-check';
import type { StepBase, StepKind } from '../types.js';

export interface SleepStep extends StepBase {
  op: 'sleep';
  ms: number;
}

export const sleepStep = (maxMs: number, minMs = 50): fc.Arbitrary<SleepStep> => fc.integer({ min: minMs, max: maxMs }).map((ms): SleepStep => ({ op: 'sleep', ms }));

export const sleepKind: StepKind<SleepStep> = {
  op: 'sleep',
  description: 'The process waits.',
  actions: [],
  run: (step, ctx) => ctx.sleep(step.ms),
};
