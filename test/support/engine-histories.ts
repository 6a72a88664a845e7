// Histories from the engine target (src/target/engine-target.ts): the reference engine on a virtual
// clock with `choose: random(seed)`, random latencies and lost answers. The replacement of
// simulated-target.ts for the checker's properties (no false positives; mutations caught).
import { VirtualClock } from '../../src/clock/index.js';
import type { History } from '../../src/history/index.js';
import { QueueRegistry, runScenario } from '../../src/runner/index.js';
import type { Scenario } from '../../src/scenario/index.js';
import type { Strictness } from '../../src/spec/types.js';
import { engineProfile, startEngineTarget } from '../../src/target/engine-target.js';
import { simProfile } from './profiles.js';

export const ENGINE_TOLERANCE = simProfile().tolerance;

export async function engineHistory(scenario: Scenario, opts: { seed: number; strictness: Strictness; lossRate?: number; latencyMs?: [number, number]; suite?: string }): Promise<History> {
  const clock = new VirtualClock();
  const target = startEngineTarget({
    clock,
    choose: { kind: 'random', seed: opts.seed, strictness: opts.strictness },
    profile: engineProfile({ tolerance: ENGINE_TOLERANCE }),
    ...(opts.lossRate ? { lossRate: opts.lossRate } : {}),
    // The runner's setup calls (creating and wiring queues) are not the behaviour under test.
    lossless: ['CreateQueue', 'DeleteQueue', 'GetQueueAttributes', 'SetQueueAttributes'],
    ...(opts.latencyMs ? { latencyMs: opts.latencyMs } : {}),
  });
  const registry = new QueueRegistry('eng-', clock);
  // Queue-management suites name their queues `<stem>-<process>-<slot>`: the stem is short enough for the 80-character probes.
  const run = await runScenario(scenario, { target, clock, registry, queueName: `eng-q${opts.seed}`, tags: {}, origin: { seed: opts.seed, ...(opts.suite ? { suite: opts.suite } : {}) } });
  await target.stop();
  if (run.setupError) throw new Error(run.setupError);
  return run.history;
}
