// `plan` (the rerun of a confirmation, src/runner/confirm.ts) through the real runner on the
// reference engine and a virtual clock: exactly the planned properties of the planned suites run,
// each with instances #0…#n-1 and the seeds a full run gives them, and no coverage instances. Two
// suites share the property name `validation`: only the planned suite's runs.
import { describe, expect, it } from 'vitest';
import { SUITES } from '../../conformance/suites/index.js';
import { VirtualClock } from '../../src/clock/index.js';
import { instanceSeed, runSuites } from '../../src/runner/index.js';
import { engineProfile, startEngineTarget } from '../../src/target/engine-target.js';

describe('runSuites with a plan', () => {
  it('plays exactly the planned instances, with their seeds, and nothing for coverage', async () => {
    const clock = new VirtualClock();
    const target = startEngineTarget({ clock, profile: engineProfile() });
    try {
      const report = await runSuites({
        target,
        clock,
        suites: SUITES,
        seed: 5,
        concurrency: 8,
        strictness: 'typical',
        plan: [
          { suite: 'message-attributes', property: 'validation', instances: 3 },
          { suite: 'lifecycle', property: 'delay', instances: 1 },
        ],
      });
      expect(report.properties.map((p) => [p.suite, p.property, p.seed, p.coverage ?? false])).toEqual([
        ['lifecycle', 'delay#0', instanceSeed(5, 'delay', 0), false],
        ['message-attributes', 'validation#0', instanceSeed(5, 'validation', 0), false],
        ['message-attributes', 'validation#1', instanceSeed(5, 'validation', 1), false],
        ['message-attributes', 'validation#2', instanceSeed(5, 'validation', 2), false],
      ]);
      expect(report.suites.sort()).toEqual(['lifecycle', 'message-attributes']);
      expect(report.verdict).toBe('conformant');
    } finally {
      await target.stop();
    }
  });
});
