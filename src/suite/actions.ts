// Which SQS actions a property covers, derived from its definition rather than stated again: the
// actions of the step kinds its scenarios use (read from scenarios its arbitrary generates with a
// fixed seed, so the answer is the same every time) and what the runner sends for the scenario's
// queues (create and read them, wire dead-letter queues, drain, delete). PURE.
import fc from 'fast-check';
import type { Action } from '../history/index.js';
import { StepRegistry, type Scenario } from '../scenario/index.js';
import { ENGINE_ACTIONS } from '../spec/index.js';
import type { PropertyDefinition, SuiteDefinition } from './types.js';

/** Scenarios read per property: enough to meet every step kind its arbitrary mixes in. */
const SAMPLES = 100;
const SEED = 20_240_501;

export interface PropertyActions {
  property: string;
  /** Sent by its steps (what the property is about). */
  steps: Action[];
  /** Sent by the runner for its queues (setup, drain, cleanup). */
  queues: Action[];
}

/** The runner's own calls for a scenario's queues (src/runner/run-scenario.ts). */
function queueActions(s: Scenario): Action[] {
  const qs = Object.values(s.queues);
  return [
    'CreateQueue',
    'GetQueueAttributes',
    ...(qs.some((q) => q.deadLetter) ? (['SetQueueAttributes'] as const) : []),
    'ReceiveMessage', // the drain
    ...(qs.some((q) => q.fifo) ? (['DeleteMessageBatch'] as const) : []), // the drain of a FIFO queue
    'DeleteQueue',
  ];
}

/** The step kinds a suite's scenarios may use: the built-in ones and its own. */
export function stepsOf(suite: Pick<SuiteDefinition, 'steps'>): StepRegistry {
  const steps = new StepRegistry();
  for (const k of suite.steps ?? []) steps.add(k);
  return steps;
}

/** Each once, in the API's order (the engine lists every action once). */
function ordered(seen: Iterable<Action>): Action[] {
  const rank = (a: Action): number => {
    const i = (ENGINE_ACTIONS as readonly string[]).indexOf(a);
    return i < 0 ? ENGINE_ACTIONS.length : i;
  };
  return [...new Set(seen)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function propertyActions(property: PropertyDefinition, steps: StepRegistry): PropertyActions {
  const fromSteps: Action[] = [];
  const fromQueues: Action[] = [];
  for (const scenario of fc.sample(property.arbitrary, { seed: SEED, numRuns: SAMPLES })) {
    // Only scenarios are read (a stand-in arbitrary of a test may give anything).
    if (!scenario || typeof scenario !== 'object' || !Array.isArray(scenario.processes) || typeof scenario.queues !== 'object') continue;
    fromQueues.push(...queueActions(scenario));
    for (const process of scenario.processes) {
      for (const step of process) {
        const kind = steps.get(step.op);
        fromSteps.push(...(kind?.actionsOf?.(step) ?? kind?.actions ?? []));
      }
    }
  }
  const own = ordered(fromSteps);
  return { property: property.name, steps: own, queues: ordered(fromQueues).filter((a) => !own.includes(a)) };
}

/** Every property of a suite with the actions it covers. */
export function suiteActions(suite: SuiteDefinition): PropertyActions[] {
  const steps = stepsOf(suite);
  return suite.properties.map((p) => propertyActions(p, steps));
}
