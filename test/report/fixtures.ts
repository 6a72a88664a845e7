// Hand-built RunReports for the renderer and CLI tests: one conformant, one divergent with hostile
// strings (XML/Markdown metacharacters, an ANSI escape, a long body) in the places a target controls.
import type { Op } from '../../src/history/index.js';
import { REPORT_SCHEMA_VERSION, type RunReport } from '../../src/runner/types.js';
import { KIT } from '../support/corpus.js';

const KIT_CATALOG = KIT.catalog;

/** A value that must never appear in any rendering. */
export const FAKE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKESECRETKEY';

const ms = (n: number): number => n * 1e6;

export function conformantReport(): RunReport {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    target: { name: 'reference', endpoint: 'http://127.0.0.1:9324', protocol: 'json', region: 'us-east-1' },
    seed: 42,
    strictness: 'typical',
    suites: ['lifecycle'],
    skipped: [],
    catalog: [],
    exercised: {},
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 1234,
    verdict: 'conformant',
    properties: [
      {
        suite: 'lifecycle',
        property: 'send-receive-delete',
        seed: 42,
        runs: 100,
        passed: true,
        verdict: { kind: 'conformant', checked: { ops: 400, messages: 100, searchNodes: 800, exercised: {} } },
        shrinks: 0,
        durationMs: 900,
        replay: 'sqs-conformance run --target reference --suite lifecycle --seed 42',
      },
      {
        suite: 'lifecycle',
        property: 'visibility',
        seed: 42,
        runs: 50,
        passed: true,
        shrinks: 0,
        durationMs: 300,
        replay: 'sqs-conformance run --target reference --suite lifecycle --seed 42',
      },
    ],
    divergences: [],
  };
}

export const LONG_BODY = 'x'.repeat(5000);

export function divergentOps(): Op[] {
  const base = { queue: 'q1', wallTime: 1_735_689_600_000 };
  return [
    { ...base, index: 0, process: 'p0', f: 'SendMessage', type: 'invoke', time: ms(1000), value: { QueueUrl: 'q1', MessageBody: LONG_BODY } },
    { ...base, index: 1, process: 'p0', f: 'SendMessage', type: 'ok', time: ms(1003.25), value: { MessageId: 'm-1', MD5OfMessageBody: 'abc' } },
    { ...base, index: 2, process: 'p1', f: 'ReceiveMessage', type: 'invoke', time: ms(1010), value: { QueueUrl: 'q1', VisibilityTimeout: 30 } },
    {
      ...base,
      index: 3,
      process: 'p1',
      f: 'ReceiveMessage',
      type: 'ok',
      time: ms(1012),
      value: { Messages: [{ MessageId: 'm-1', ReceiptHandle: 'AQEB'.repeat(40), Body: 'evil \u001b[2J body' }] },
    },
    { ...base, index: 4, process: 'p2', f: 'ReceiveMessage', type: 'invoke', time: ms(1500), value: { QueueUrl: 'q1' } },
    {
      ...base,
      index: 5,
      process: 'p2',
      f: 'ReceiveMessage',
      type: 'ok',
      time: ms(1502),
      value: { Messages: [{ MessageId: 'm-1', ReceiptHandle: 'h2', Body: 'x' }] },
    },
    { ...base, index: 6, process: 'p0', f: 'DeleteMessage', type: 'invoke', time: ms(1600), value: { ReceiptHandle: 'bogus' } },
    {
      ...base,
      index: 7,
      process: 'p0',
      f: 'DeleteMessage',
      type: 'fail',
      time: ms(1601),
      value: { code: 'ReceiptHandleIsInvalid', httpStatus: 400, message: 'The input receipt handle "bogus" is <invalid> & bad' },
    },
  ];
}

export function divergentReport(): RunReport {
  const ops = divergentOps();
  const replay1 = 'sqs-conformance run --target elastic --suite lifecycle --seed 7 --replay visibility:3:0:1';
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    target: { name: 'elastic', endpoint: 'http://localhost:9325', protocol: 'query', region: 'elasticmq' },
    seed: 7,
    strictness: 'typical',
    suites: ['lifecycle', 'errors'],
    skipped: [{ suite: 'fifo', reason: 'target lacks capability fifo' }],
    catalog: KIT_CATALOG.subset(['visibility.redelivered-early', 'error.wrong-code']),
    exercised: { 'delete.stale-handle-rejected': 3 },
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 65_000,
    verdict: 'divergent',
    properties: [
      {
        suite: 'lifecycle',
        property: 'send-receive-delete',
        seed: 7,
        runs: 100,
        passed: true,
        shrinks: 0,
        durationMs: 1000,
        replay: 'sqs-conformance run --target elastic --suite lifecycle --seed 7',
      },
      {
        suite: 'lifecycle',
        property: 'visibility',
        seed: 7,
        path: '3:0:1',
        runs: 37,
        passed: false,
        verdict: { kind: 'divergent', divergences: [], checked: { ops: 8, messages: 1, searchNodes: 12, exercised: {} } },
        counterexample: { scenario: { steps: 3 }, history: { header: { schemaVersion: 1, target: 'elastic', protocol: 'query', retries: 'disabled' }, ops } },
        shrinks: 12,
        durationMs: 40_000,
        replay: replay1,
      },
      {
        suite: 'errors',
        property: 'wrong <code> & "quotes"',
        seed: 7,
        runs: 0,
        passed: false,
        shrinks: 0,
        durationMs: 5,
        replay: 'sqs-conformance run --target elastic --suite errors --seed 7',
        error: 'connect ECONNREFUSED 127.0.0.1:9325 <&"> | `tick`',
      },
      {
        suite: 'errors',
        property: 'undecided',
        seed: 7,
        runs: 10,
        passed: false,
        verdict: { kind: 'unknown', reason: 'search budget exhausted', checked: { ops: 1, messages: 1, searchNodes: 1, exercised: {} } },
        shrinks: 0,
        durationMs: 5,
        replay: 'sqs-conformance run --target elastic --suite errors --seed 7',
      },
    ],
    divergences: [
      {
        id: 'visibility.redelivered-early',
        summary: 'A message was received again while its visibility timeout was still running.',
        strictness: 'typical',
        grade: 'definite',
        rule: { file: 'sqs-semantics.md', section: '5.3; 14 N1', evidence: 'documented' },
        ops: [2, 3, 4, 5],
        premises: [
          { kind: 'sent', message: 'm1', send: { call: 0, process: 'p0', f: 'SendMessage', fromMs: 1000, toMs: 1003.25 }, delaySeconds: 0 },
          { kind: 'received', message: 'm1', receive: { call: 2, process: 'p1', f: 'ReceiveMessage', fromMs: 1010, toMs: 1020 }, visibilityTimeout: 30, count: 1, known: true },
        ],
        variant: 'default',
        bindings: {
          receive: { call: 4, process: 'p2', f: 'ReceiveMessage', fromMs: 1500, toMs: 1510 },
          message: 'm1',
          returnedBy: { ms: 1560 },
          invisibleUntil: { ms: 30960 },
          because: 'its visibility timeout',
        },
        epsilonMs: 50,
        queue: 'q1',
        messageId: 'm-1',
        suite: 'lifecycle',
        property: 'visibility',
        opRecords: ops,
        replay: replay1,
      },
      {
        id: 'error.wrong-code',
        summary: 'Error code differs: got <Foo> & "bar" | with `ticks`',
        strictness: 'guaranteed',
        grade: 'suspect',
        rule: { file: 'aws-recorded-facts.md', section: 'A3 item 29', evidence: 'recorded' },
        ops: [6, 7],
        premises: [],
        variant: 'default',
        bindings: {
          call: { call: 6, process: 'p3', f: 'DeleteMessage', fromMs: 2000, toMs: 2010 },
          error: { error: { code: '<Foo> & "bar"', httpStatus: 400, message: 'line \u001b[31mred' } },
          expected: { error: { code: 'ReceiptHandleIsInvalid', httpStatus: 404 } },
        },
        impliedBy: 'visibility.redelivered-early',
        suite: 'lifecycle',
        property: 'visibility',
        opRecords: ops.slice(6),
        replay: "sqs-conformance run --replay 'visibility:3:0:1' --note a|b`c`",
      },
    ],
  };
}

/** The divergent report with a credential smuggled into the target object (as a careless runner might). */
export function reportWithSmuggledSecret(): RunReport {
  const r = divergentReport();
  (r.target as unknown as Record<string, unknown>).secretAccessKey = FAKE_SECRET;
  (r.target as unknown as Record<string, unknown>).credentials = { accessKeyId: 'AKIAFAKE', secretAccessKey: FAKE_SECRET };
  r.target.endpoint = `http://AKIAFAKE:${encodeURIComponent(FAKE_SECRET)}@localhost:9325/?X-Amz-Security-Token=${FAKE_SECRET}`;
  return r;
}

/** A run stopped by SIGINT: one property passed (with an undecided message), two not run, a coverage gap. */
export function interruptedReport(): RunReport {
  const base = conformantReport();
  return {
    ...base,
    runId: 'a1b2c3',
    verdict: 'interrupted',
    stopped: { reason: 'interrupted', detail: 'interrupted by SIGINT' },
    calls: { total: 120, lost: 2 },
    exercised: { 'visibility.redelivered-early': 4, 'message.lost': 9 },
    gaps: ['retention.expired-late'],
    properties: [
      { suite: 'lifecycle', property: 'visibility#0', seed: 1, runs: 1, passed: true, shrinks: 0, durationMs: 4000, replay: 'r0', undecided: ['m3'] },
      { suite: 'lifecycle', property: 'retention#0', seed: 2, runs: 0, passed: false, shrinks: 0, durationMs: 0, replay: 'r1', notRun: 'not run: the run was interrupted' },
      { suite: 'lifecycle', property: 'delay#0', seed: 3, runs: 0, passed: false, shrinks: 0, durationMs: 0, replay: 'r2', notRun: 'not run: the run was interrupted' },
    ],
  };
}
