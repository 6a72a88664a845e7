import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/index.js';
import { runSuites } from '../../src/runner/index.js';
import { simulatedTarget } from '../support/simulated-target.js';
import { simProfile } from '../support/profiles.js';
import { SUITES } from '../../conformance/suites/index.js';

describe('smoke', () => {
  it('runs the lifecycle suite against the simulated target', async () => {
    const clock = new VirtualClock();
    const target = simulatedTarget({ seed: 8, clock, strictness: 'typical', profile: simProfile() });
    const report = await runSuites({ target, suites: SUITES, only: ['lifecycle'], seed: 56, concurrency: 30, strictness: 'typical', clock });
    for (const d of report.divergences) console.log(d.id, d.property, d.variant, JSON.stringify(d.bindings));
    for (const p of report.properties) if (p.error) console.log(p.property, p.error);
    expect(report.verdict).toBe('conformant');
  }, 120_000);
});
