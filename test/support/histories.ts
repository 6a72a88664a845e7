// Helpers to produce histories from the simulated target (virtual clock) for checker tests.
import { VirtualClock } from '../../src/clock/index.js';
import { QueueRegistry, runScenario } from '../../src/runner/index.js';
import type { History } from '../../src/history/index.js';
import type { Scenario } from '../../src/scenario/index.js';
import type { Strictness } from '../../src/spec/types.js';
import { simProfile } from './profiles.js';
import { simulatedTarget } from './simulated-target.js';

export const TOLERANCE = simProfile().tolerance;

export async function simulate(scenario: Scenario, opts: { seed: number; strictness: Strictness; lossRate?: number; latencyMs?: [number, number] }): Promise<History> {
  const clock = new VirtualClock();
  const target = simulatedTarget({ seed: opts.seed, clock, strictness: opts.strictness, profile: simProfile(), ...(opts.lossRate ? { lossRate: opts.lossRate } : {}), ...(opts.latencyMs ? { latencyMs: opts.latencyMs } : {}) });
  const registry = new QueueRegistry('sim-');
  const run = await runScenario(scenario, { target, clock, registry, queueName: `sim-q${opts.seed}`, tags: {}, origin: { seed: opts.seed } });
  if (run.setupError) throw new Error(run.setupError);
  return run.history;
}
