// Helpers suites use to compose scenarios from step arbitraries.
import fc from 'fast-check';
import type { StepBase } from './types.js';

/** 1..maxProcesses processes of 1..maxSteps steps each. */
export const processes = (step: fc.Arbitrary<StepBase>, opts: { maxProcesses: number; maxSteps: number }): fc.Arbitrary<StepBase[][]> =>
  fc.array(fc.array(step, { minLength: 1, maxLength: opts.maxSteps }), { minLength: 1, maxLength: opts.maxProcesses });
