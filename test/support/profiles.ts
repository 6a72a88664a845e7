import type { TargetProfile } from '../../src/target/index.js';

export function simProfile(overrides: Partial<TargetProfile> = {}): TargetProfile {
  return {
    name: 'simulated',
    protocol: 'json',
    region: 'us-east-1',
    capabilities: [],
    flags: {},
    tolerance: { epsilonMs: 50, wideEpsilonMs: 500, clockSkewMs: 1000, retentionSlackMs: 2000, wakeMs: 250 },
    defaultStrictness: 'typical',
    ...overrides,
  };
}
