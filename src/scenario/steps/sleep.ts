// sleep: a process waits (timers are what the lifecycle is made of). Sends nothing. A long wait may
// say why (`waiting out the 60 s minimum retention`): progress displays show it with a countdown.
import fc from 'fast-check';
import type { StepBase, StepKind } from '../types.js';

export interface SleepStep extends StepBase {
  op: 'sleep';
  ms: number;
  /** What the wait is for, in a few words (shown while it lasts). */
  why?: string;
}

export const sleepStep = (maxMs: number, minMs = 50): fc.Arbitrary<SleepStep> => fc.integer({ min: minMs, max: maxMs }).map((ms): SleepStep => ({ op: 'sleep', ms }));

export const sleepKind: StepKind<SleepStep> = {
  op: 'sleep',
  description: 'The process waits.',
  actions: [],
  run: (step, ctx) => ctx.sleep(step.ms, step.why),
};
