// What the queue-management suites share (issue 12: queue-attributes, queues, tags-permissions,
// errors): one set of checker rules, listed by all four (their histories are whole management
// histories: src/check/rules/queues), and the shape of their scenarios (one process working on
// queues of its own, so each queue's calls are in one order), and of their enumerated limit probes.
import fc from 'fast-check';
import { queueManagementRules } from '../../src/check/index.js';
import { baseQueues, enumerated, limitProbes, type LimitProbe, type ProbeArea, type Scenario, type StepBase } from '../../src/scenario/index.js';

export const MANAGEMENT_SUITES = ['queue-attributes', 'queues', 'tags-permissions', 'errors'] as const;

/** The same rule objects in every management suite (a run runs each once). */
export const MANAGEMENT = queueManagementRules(MANAGEMENT_SUITES);

/** One process on the scenario's queue and queues of its own. */
export function single(steps: readonly StepBase[]): Scenario {
  return { queues: { q: {} }, processes: [[...steps]] };
}

/** Each list of steps in a process of its own (queues of its own: the oracle's order holds per queue). */
export function parallel(lists: readonly (readonly StepBase[])[]): Scenario {
  return { queues: { q: {} }, processes: lists.map((l) => [...l]) };
}

/** Every limit probe of an area, after the base queues it uses: shrinking drops probes, never the base. */
export function limitScenario(area: ProbeArea): fc.Arbitrary<Scenario> {
  const probes = limitProbes(area);
  return enumerated(probes).map((ps: LimitProbe[]) => single([...baseQueues(area), ...ps.flatMap((p) => p.steps)]));
}
