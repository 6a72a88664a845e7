// Adding an area touches only its folder: a toy suite written into a temporary folder (its own step
// kind, catalogue entry with its template, checker rule, scenarios and corpus) runs end to end
// through the real runner against the reference server — conformant there, and divergent with a
// shrunk, explained counterexample against a target that breaks its rule. Nothing outside the
// folder is edited; the folder only imports the kit's public modules.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUITES } from '../../conformance/suites/index.js';
import { explanationOf } from '../../src/report/format.js';
import { runSuites } from '../../src/runner/index.js';
import { startReferenceServer, type ReferenceServer } from '../../src/server/index.js';
import type { SuiteDefinition } from '../../src/suite/index.js';
import { createPort, loadProfile, type CallResult, type RunningTarget, type SqsPort } from '../../src/target/index.js';
import { KIT, runCorpus, verdict } from '../support/corpus.js';

const src = (path: string) => join(import.meta.dirname, '..', '..', 'src', path);

// The toy area: "SendMessage answers a MessageId of at most 100 characters" (sqs-semantics.md 2).
const FILES: Record<string, string> = {
  'catalog.ts': `
import { sem, type CatalogEntries } from '${src('catalog/index.js')}';
export const entries: CatalogEntries<'toy.message-id-too-long'> = {
  'toy.message-id-too-long': {
    area: 'toy', rank: 9000, strictness: 'guaranteed',
    summary: 'SendMessage answered a MessageId longer than 100 characters.',
    rule: 'A MessageId is at most 100 characters.',
    source: sem('2'), implies: [],
    explain: { default: '{call} answered MessageId {id}, {length} characters long.' },
  },
};`,
  'rule.ts': `
import { callRef, outputOf, type CheckRule } from '${src('check/index.js')}';
export const toyRule: CheckRule = {
  name: 'toy',
  ids: ['toy.message-id-too-long'],
  calls(ctx) {
    const out = [];
    for (const call of ctx.prep.calls) {
      if (call.invoke.f !== 'SendMessage') continue;
      const id = outputOf(call)?.MessageId;
      if (typeof id !== 'string') continue;
      ctx.gate.exercised('toy.message-id-too-long');
      if (id.length > 100) out.push({ id: 'toy.message-id-too-long', calls: [call], queue: call.invoke.queue, bindings: { call: callRef(call), id: { text: id }, length: id.length } });
    }
    return out;
  },
};`,
  'steps.ts': `
import fc from 'fast-check';
import type { StepKind } from '${src('scenario/index.js')}';
export interface BurstStep { op: 'toy-burst'; queue?: string; count: number }
export const burstStep = fc.integer({ min: 1, max: 4 }).map((count): BurstStep => ({ op: 'toy-burst', count }));
export const burstKind: StepKind<BurstStep> = {
  op: 'toy-burst',
  description: 'Several SendMessage calls in a row.',
  actions: ['SendMessage'],
  async run(step, ctx) {
    const q = ctx.queue(step.queue);
    for (let i = 0; i < step.count; i++) await ctx.call('SendMessage', { QueueUrl: q.url, MessageBody: ctx.nextBody() }, q.key);
  },
};`,
  'corpus.ts': `
import { history } from '${src('history/builder.js')}';
const sent = (id: string) => history().create('q').at(0).send('p1', 'q', 'm-a', { id }).build();
export const cases = [
  { id: 'toy.message-id-too-long', bad: 'a 101-character MessageId', good: 'a 100-character one', source: 'sqs-semantics.md 2', badHistory: sent('x'.repeat(101)), goodHistory: sent('x'.repeat(100)) },
];`,
  'suite.ts': `
import fc from 'fast-check';
import type { SuiteDefinition } from '${src('suite/index.js')}';
import { entries } from './catalog.js';
import { toyRule } from './rule.js';
import { burstKind, burstStep } from './steps.js';
export const toy: SuiteDefinition = {
  name: 'toy',
  description: 'A toy area: MessageIds are at most 100 characters.',
  requires: [],
  catalog: entries,
  rules: [toyRule],
  steps: [burstKind],
  actions: ['SendMessage'],
  sources: ['sqs-semantics.md 2'],
  corpus: async () => (await import('./corpus.js')).cases,
  properties: [{ name: 'ids', runs: 2, description: 'Bursts of sends.', arbitrary: fc.record({ queues: fc.constant({ q: {} }), processes: fc.array(fc.array(burstStep, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }) }) }],
};`,
};

let dir: string;
let toy: SuiteDefinition;
let server: ReferenceServer;

/** A target whose MessageIds are 120 characters long (sends and receives alike): breaks the toy rule only. */
function longIds(): RunningTarget {
  const profile = { ...loadProfile('reference'), name: 'long-ids' };
  const client = (): SqsPort => {
    const port = createPort(profile, server.url);
    return {
      protocol: port.protocol,
      close: () => port.close(),
      async call(action, input): Promise<CallResult> {
        const r = await port.call(action, input);
        if (action === 'SendMessage' && r.type === 'ok') r.value.MessageId = String(r.value.MessageId).padEnd(120, '0');
        if (action === 'ReceiveMessage' && r.type === 'ok' && Array.isArray(r.value.Messages)) {
          for (const m of r.value.Messages as Record<string, unknown>[]) m.MessageId = String(m.MessageId).padEnd(120, '0');
        }
        return r;
      },
    };
  };
  return { profile, endpoint: server.url, client, stop: async () => {} };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sqsc-toy-'));
  await mkdir(join(dir, 'toy'));
  for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, 'toy', name), text);
  toy = ((await import(pathToFileURL(join(dir, 'toy', 'suite.ts')).href)) as { toy: SuiteDefinition }).toy;
  server = await startReferenceServer({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server?.stop();
});

describe('a toy area in a folder of its own', () => {
  it('runs end to end against the reference server: conformant, every rule of it exercised', async () => {
    const target: RunningTarget = { profile: loadProfile('reference'), endpoint: server.url, client: () => createPort(loadProfile('reference'), server.url), stop: async () => {} };
    const report = await runSuites({ target, suites: [...SUITES, toy], only: ['toy'], seed: 3, concurrency: 4, strictness: 'typical' });
    expect(report.suites).toEqual(['toy']);
    expect(report.verdict, JSON.stringify(report.divergences)).toBe('conformant');
    expect(report.properties.map((p) => p.property)).toEqual(['ids#0', 'ids#1']);
    expect(report.exercised['toy.message-id-too-long']).toBeGreaterThan(0);
    expect(report.skipped.map((s) => s.suite)).toContain('lifecycle');
  }, 60_000);

  it('finds, shrinks and explains a divergence of its own rule', async () => {
    const report = await runSuites({ target: longIds(), suites: [...SUITES, toy], only: ['toy'], seed: 3, concurrency: 4, strictness: 'typical', timeBudgetMs: 10_000 });
    expect(report.verdict).toBe('divergent');
    const ids = new Set(report.divergences.map((d) => d.id));
    expect([...ids]).toEqual(['toy.message-id-too-long']);
    const d = report.divergences[0]!;
    expect(report.catalog.map((e) => e.id)).toContain('toy.message-id-too-long');
    expect(explanationOf(report, d).join('\n')).toMatch(/^Then op \d+ \(p\d SendMessage, .*\) answered MessageId ".*" \(120 characters\), 120 characters long\.$/);
    // Shrunk to one process with one send.
    const cx = report.properties.find((p) => !p.passed)!.counterexample!.scenario as { processes: { count: number }[][] };
    expect(cx.processes).toEqual([[{ op: 'toy-burst', count: 1 }]]);
  }, 60_000);

  it('brings its rule with it: the kit without the toy suite does not judge MessageId lengths', async () => {
    const cases = await toy.corpus!();
    expect(verdict(cases[0]!.badHistory, 'typical', KIT).kind).toBe('conformant');
  });
});

// The corpus of the toy suite, with the suite registered (its catalogue and rule).
const toySuite = await (async () => {
  const d = await mkdtemp(join(tmpdir(), 'sqsc-toy-corpus-'));
  await mkdir(join(d, 'toy'));
  for (const [name, text] of Object.entries(FILES)) await writeFile(join(d, 'toy', name), text);
  return ((await import(pathToFileURL(join(d, 'toy', 'suite.ts')).href)) as { toy: SuiteDefinition }).toy;
})();
const { suiteSet } = await import('../../src/suite/index.js');
runCorpus('toy', await toySuite.corpus!(), suiteSet([...SUITES, toySuite]));
