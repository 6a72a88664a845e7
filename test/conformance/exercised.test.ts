// Every rule of the batch and message-attributes suites is exercised in every run, whatever the
// seed: the scenarios are fixed structures with generated values, so each situation a rule judges
// arises in each run (RunReport.exercised counts them per catalogue id). Checked here on the
// reference engine (choose: typical, virtual clock) with each property's instances as a run plays
// them (runner instanceSeed), for several seeds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batch } from '../../conformance/suites/batch/suite.js';
import { messageAttributes } from '../../conformance/suites/message-attributes/suite.js';
import { check } from '../../src/check/index.js';
import { VirtualClock } from '../../src/clock/index.js';
import { instanceSeed, QueueRegistry, runScenario } from '../../src/runner/index.js';
import type { SuiteDefinition } from '../../src/suite/index.js';
import { engineProfile, startEngineTarget } from '../../src/target/engine-target.js';
import { KIT } from '../support/corpus.js';
import { simProfile } from '../support/profiles.js';

const TOLERANCE = simProfile().tolerance;

/** The exercised counts of one run of `suite` with `seed`: every instance of every property. */
async function exercisedIn(suite: SuiteDefinition, seed: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const property of suite.properties) {
    for (let index = 0; index < property.runs; index++) {
      const [scenario] = fc.sample(property.arbitrary, { seed: instanceSeed(seed, property.name, index), numRuns: 1 });
      const clock = new VirtualClock();
      const target = startEngineTarget({ clock, profile: engineProfile({ tolerance: TOLERANCE }) });
      const run = await runScenario(scenario!, { target, clock, registry: new QueueRegistry('ex-'), queueName: `ex-${property.name}-${index}`, tags: {}, origin: { seed }, steps: KIT.steps });
      await target.stop();
      const v = check(run.history, { strictness: 'typical', tolerance: TOLERANCE, catalog: KIT.catalog, rules: KIT.rules });
      expect(v.kind, `${suite.name}/${property.name}#${index} seed ${seed}`).toBe('conformant');
      for (const [id, n] of Object.entries(v.checked.exercised)) counts.set(id, (counts.get(id) ?? 0) + n);
    }
  }
  return counts;
}

describe('every rule of a suite is exercised in every run', () => {
  for (const suite of [batch, messageAttributes]) {
    it(`${suite.name}: each catalogue id, for seeds 1-20`, async () => {
      for (let seed = 1; seed <= 20; seed++) {
        const counts = await exercisedIn(suite, seed);
        const never = Object.keys(suite.catalog).filter((id) => !(counts.get(id) ?? 0));
        expect(never, `seed ${seed}`).toEqual([]);
      }
    }, 300_000);
  }
});
