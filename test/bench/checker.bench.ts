// Benchmark (not a test): checker time on large histories the reference engine produces (engine
// target, virtual clock, random latencies).
//   npm run bench              10k, 100k and 8 consumers × 2,000 ops
//   npm run bench -- --1m      also 1,000,000 ops (generating it takes a few minutes)
// Prints figures (wall median and CPU time of the check, ops/s, µs per op to show the cost grows
// linearly); asserts nothing about time (the machine is shared and noisy: CPU time is the steadier one).
import { check } from '../../src/check/index.js';
import type { History } from '../../src/history/index.js';
import type { Scenario, StepBase } from '../../src/scenario/index.js';
import { KIT } from '../support/corpus.js';
import { engineHistory, ENGINE_TOLERANCE } from '../support/engine-histories.js';

function loop(iterations: number): StepBase[] {
  const steps: StepBase[] = [];
  for (let i = 0; i < iterations; i++) {
    steps.push({ op: 'send' }, { op: 'receive', attributes: 'all', waitSeconds: 1, max: 1 } as StepBase, { op: 'delete', handle: { kind: 'latest' } } as StepBase);
  }
  return steps;
}

async function measure(label: string, scenario: Scenario, seed: number): Promise<void> {
  const t0 = performance.now();
  const history: History = await engineHistory(scenario, { seed, strictness: 'typical', latencyMs: [1, 4] });
  const made = performance.now() - t0;
  const walls: number[] = [];
  const cpus: number[] = [];
  let kind = '';
  let nodes = 0;
  for (let i = 0; i < 3; i++) {
    const cpu = process.cpuUsage();
    const s = performance.now();
    const v = check(history, { strictness: 'typical', tolerance: ENGINE_TOLERANCE, catalog: KIT.catalog, rules: KIT.rules });
    walls.push(performance.now() - s);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
    kind = v.kind;
    nodes = v.checked.searchNodes;
  }
  const median = [...walls].sort((a, b) => a - b)[1]!;
  const cpu = [...cpus].sort((a, b) => a - b)[1]!;
  const n = history.ops.length;
  console.log(
    `${label.padEnd(26)} ops ${String(n).padStart(8)}  made in ${(made / 1000).toFixed(1).padStart(6)} s  check: median ${median.toFixed(0).padStart(6)} ms, cpu ${cpu.toFixed(0).padStart(6)} ms, ${((n / median) * 1000).toFixed(0).padStart(7)} ops/s, ${((cpu * 1000) / n).toFixed(2)} µs/op (${nodes} search nodes, ${kind})`,
  );
}

const ops = (n: number) => Math.ceil(n / 6); // 3 calls = 6 ops per iteration
const queue = { q: { attributes: { VisibilityTimeout: 5 } } };
await measure('1 consumer × 10,000 ops', { queues: queue, processes: [loop(ops(10_000))] }, 1);
await measure('1 consumer × 100,000 ops', { queues: queue, processes: [loop(ops(100_000))] }, 1);
if (process.argv.includes('--1m')) await measure('1 consumer × 1,000,000 ops', { queues: queue, processes: [loop(ops(1_000_000))] }, 1);
await measure('8 consumers × 2,000 ops', { queues: queue, processes: Array.from({ length: 8 }, () => loop(ops(2_000))) }, 2);
