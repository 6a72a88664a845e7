// Benchmark (not a test): checker time on large histories produced by the simulated SQS.
//   npm run bench            (after npm install, which builds dist/)
// Prints figures; asserts nothing about time (the machine is shared and noisy).
import { check } from '../../src/check/index.js';
import type { History } from '../../src/history/index.js';
import type { Scenario, StepBase } from '../../src/scenario/index.js';
import { KIT } from '../support/corpus.js';
import { engineHistory as simulate, ENGINE_TOLERANCE as TOLERANCE } from '../support/engine-histories.js';

function loop(iterations: number): StepBase[] {
  const steps: StepBase[] = [];
  for (let i = 0; i < iterations; i++) {
    steps.push({ op: 'send' }, { op: 'receive', attributes: 'all', waitSeconds: 1, max: 1 } as StepBase, { op: 'delete', handle: { kind: 'latest' } } as StepBase);
  }
  return steps;
}

async function measure(label: string, scenario: Scenario, seed: number): Promise<void> {
  const t0 = performance.now();
  const history: History = await simulate(scenario, { seed, strictness: 'typical', latencyMs: [1, 4] });
  const t1 = performance.now();
  const verdicts: number[] = [];
  let kind = '';
  let nodes = 0;
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    const v = check(history, { strictness: 'typical', tolerance: TOLERANCE, catalog: KIT.catalog, rules: KIT.rules });
    verdicts.push(performance.now() - s);
    kind = v.kind;
    nodes = v.checked.searchNodes;
  }
  verdicts.sort((a, b) => a - b);
  const median = verdicts[1]!;
  console.log(
    `${label.padEnd(34)} ops ${String(history.ops.length).padStart(7)}  simulate ${(t1 - t0).toFixed(0).padStart(6)} ms  check median ${median.toFixed(0).padStart(6)} ms  (${((history.ops.length / median) * 1000).toFixed(0)} ops/s, ${nodes} search nodes, verdict ${kind})`,
  );
}

const single = Math.ceil(100_000 / 6); // 3 calls = 6 ops per iteration
await measure('1 consumer x 100,000 ops', { queues: { q: { attributes: { VisibilityTimeout: 5 } } }, processes: [loop(single)] }, 1);
const per = Math.ceil(2_000 / 6);
await measure('8 consumers x 2,000 ops', { queues: { q: { attributes: { VisibilityTimeout: 5 } } }, processes: Array.from({ length: 8 }, () => loop(per)) }, 2);
