// The rule tables of src/spec/model, read directly (the engine and the checker read the same ones).
import { describe, expect, it } from 'vitest';
import { defaultAttributes } from '../../src/spec/attributes.js';
import {
  allowedOutcomes,
  attemptRetryable,
  deadLetterMove,
  DEFAULTS,
  delayEndsAt,
  effectiveWaitTime,
  handleOutcomes,
  handleStatus,
  movesOnReceive,
  nextLookAt,
  NONDETERMINISM,
  receivableGroups,
  receiveSizeRange,
  redriveTargetProblem,
  typicalOutcome,
  visibilityCapLatestCallMs,
  withinVisibilityCap,
  type HandleStatus,
} from '../../src/spec/model/index.js';
import { createChooser } from '../../src/spec/engine/choose.js';

const STATUSES: HandleStatus[] = ['inflight', 'expired', 'stale', 'deleted', 'unknown'];

describe('defaults are stated once', () => {
  it('GetQueueAttributes defaults come from DEFAULTS (items 15, 38, 96)', () => {
    const d = defaultAttributes('standard');
    expect(d['VisibilityTimeout']).toBe(String(DEFAULTS.visibilityTimeout));
    expect(d['MessageRetentionPeriod']).toBe(String(DEFAULTS.messageRetentionPeriod));
    expect(d['DelaySeconds']).toBe(String(DEFAULTS.delaySeconds));
    expect(d['ReceiveMessageWaitTimeSeconds']).toBe(String(DEFAULTS.receiveMessageWaitTimeSeconds));
    expect(d['MaximumMessageSize']).toBe(String(DEFAULTS.maximumMessageSize));
    expect(DEFAULTS.visibilityTimeout).toBe(30);
  });
});

describe('outcome tables', () => {
  it('every row has exactly one typical outcome, never a deviation, for both queue types and both actions', () => {
    for (const kind of ['standard', 'fifo'] as const)
      for (const action of ['DeleteMessage', 'ChangeMessageVisibility'] as const)
        for (const status of STATUSES) {
          const rows = handleOutcomes(kind, action, status, 'h');
          expect(rows.filter((o) => o.typical), `${kind} ${action} ${status}`).toHaveLength(1);
          expect(typicalOutcome(rows).deviation).toBeUndefined();
          expect(allowedOutcomes(rows, 'typical').every((o) => !o.deviation)).toBe(true);
          expect(allowedOutcomes(rows, 'guaranteed')).toHaveLength(rows.length);
        }
  });

  it('FIFO: a lapsed or older handle fails with the recorded text (item 27); standard: succeeds (items 20, 26)', () => {
    for (const status of ['expired', 'stale'] as const) {
      for (const action of ['DeleteMessage', 'ChangeMessageVisibility'] as const) {
        const fifo = typicalOutcome(handleOutcomes('fifo', action, status, 'H'));
        expect(fifo.response).not.toBe('ok');
        expect(fifo.response !== 'ok' && fifo.response.message).toBe('Value H for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.');
        expect(typicalOutcome(handleOutcomes('standard', action, status, 'H')).response).toBe('ok');
      }
    }
    expect(typicalOutcome(handleOutcomes('fifo', 'DeleteMessage', 'inflight', 'H')).effect).toBe('delete');
  });

  it('a stale standard delete may delete or not, both allowed at typical strictness (4.10; 14 N15)', () => {
    const effects = allowedOutcomes(handleOutcomes('standard', 'DeleteMessage', 'stale', 'h'), 'typical').map((o) => o.effect);
    expect(new Set(effects)).toEqual(new Set(['delete', 'none']));
  });
});

describe('messages', () => {
  it('handle status from the message state (5.3)', () => {
    const m = { delayUntilMs: 0, inflightUntilMs: 100, newestReceive: 2 };
    expect(handleStatus({ issued: false }, 0)).toBe('unknown');
    expect(handleStatus({ issued: true, receive: 2 }, 0)).toBe('deleted');
    expect(handleStatus({ issued: true, message: m, receive: 1 }, 0)).toBe('stale');
    expect(handleStatus({ issued: true, message: m, receive: 2 }, 99)).toBe('inflight');
    expect(handleStatus({ issued: true, message: m, receive: 2 }, 100)).toBe('expired');
  });

  it('FIFO delay is the queue value, retroactively, until the first delivery (5.2)', () => {
    const m = { enqueuedMs: 1000, delayUntilMs: 1000, received: false };
    expect(delayEndsAt({ fifo: true, delaySeconds: 5 }, m)).toBe(6000);
    expect(delayEndsAt({ fifo: false, delaySeconds: 5 }, m)).toBe(1000);
    expect(delayEndsAt({ fifo: true, delaySeconds: 5 }, { ...m, received: true })).toBe(1000);
  });

  it('the 12-hour cap counts from the receive (4.11; item 25)', () => {
    expect(withinVisibilityCap(0, 43_200)).toBe(true);
    expect(withinVisibilityCap(1, 43_200)).toBe(false);
    expect(visibilityCapLatestCallMs(1000, 43_000)).toBe(1000 + 200_000);
  });
});

describe('polling', () => {
  it('wait: the request, else the queue (item 116); the wake rule (item 115)', () => {
    expect(effectiveWaitTime({ receiveMessageWaitTimeSeconds: 5 }, undefined)).toBe(5);
    expect(effectiveWaitTime({ receiveMessageWaitTimeSeconds: 5 }, 0)).toBe(0);
    expect(nextLookAt(100, 5000, 300)).toBe(300);
    expect(nextLookAt(100, 5000, undefined)).toBe(5000);
    expect(nextLookAt(100, 100, undefined)).toBe(101);
  });

  it('how many messages a receive may return (14 N3, N4)', () => {
    expect(receiveSizeRange(5, 3, false)).toEqual({ min: 0, typical: 3, max: 3 });
    expect(receiveSizeRange(5, 3, true)).toEqual({ min: 1, typical: 3, max: 3 });
    expect(receiveSizeRange(0, 3, true)).toEqual({ min: 0, typical: 0, max: 0 });
  });
});

describe('redrive and FIFO rules', () => {
  it('the DLQ must exist and be of the same type; the move is lazy and carries the right origin (5.5, 17)', () => {
    expect(redriveTargetProblem(false, undefined)).toEqual({ kind: 'target-missing' });
    expect(redriveTargetProblem(true, { fifo: false })).toEqual({ kind: 'type-mismatch' });
    expect(redriveTargetProblem(true, { fifo: true })).toBeUndefined();
    expect(movesOnReceive(2, 3)).toBe(false);
    expect(movesOnReceive(3, 3)).toBe(true);
    expect(movesOnReceive(9, undefined)).toBe(false);
    expect(deadLetterMove(false, { messageId: 'm', enqueuedMs: 5 }, 'arn', 99)).toEqual({ deadLetterSourceArn: 'arn', enqueuedMs: 5 });
    expect(deadLetterMove(true, { messageId: 'm', enqueuedMs: 5 }, 'arn', 99)).toEqual({ deadLetterSourceArn: 'arn', enqueuedMs: 99, dedupId: 'm' });
  });

  it('receivable groups: in order, locked by an in-flight message, not by a delayed one (items 66-72; 17)', () => {
    const msgs = [
      { g: 'a', s: 'visible', id: 1 },
      { g: 'b', s: 'inflight', id: 2 },
      { g: 'a', s: 'visible', id: 3 },
      { g: 'b', s: 'visible', id: 4 },
      { g: 'c', s: 'delayed', id: 5 },
      { g: 'c', s: 'visible', id: 6 },
      { g: 'a', s: 'inflight', id: 7 },
      { g: 'a', s: 'visible', id: 8 },
    ] as const;
    expect(receivableGroups(msgs, (m) => m.g, (m) => m.s).map((g) => g.map((m) => m.id))).toEqual([[1, 3], [6]]);
  });

  it('an attempt id is retryable only while nothing changed (section 9)', () => {
    expect(attemptRetryable([{ present: true, receivedAgain: false, changed: false }])).toBe(true);
    expect(attemptRetryable([{ present: false, receivedAgain: false, changed: false }])).toBe(false);
    expect(attemptRetryable([{ present: true, receivedAgain: false, changed: true }])).toBe(false);
  });
});

describe('nondeterminism catalogue (sqs-semantics.md 14)', () => {
  it('covers N1..N23, each with how the engine produces it', () => {
    expect(NONDETERMINISM.map((n) => n.id)).toEqual(Array.from({ length: 23 }, (_, i) => `N${i + 1}`));
    expect(NONDETERMINISM.filter((n) => n.exercise.startsWith('random')).map((n) => n.id)).toEqual(['N1', 'N2', 'N3', 'N4', 'N5', 'N9', 'N15', 'N16', 'N21']);
  });

  it('a random chooser only picks allowed outcomes at its strictness', () => {
    const typical = createChooser({ kind: 'random', seed: 1, strictness: 'typical' });
    const rows = handleOutcomes('standard', 'ChangeMessageVisibility', 'stale', 'h');
    for (let i = 0; i < 200; i++) expect(typical.outcome(rows).deviation).toBeUndefined();
    const guaranteed = createChooser({ kind: 'random', seed: 1, strictness: 'guaranteed' });
    const picked = new Set(Array.from({ length: 200 }, () => rows.indexOf(guaranteed.outcome(rows))));
    expect(picked.size).toBe(rows.length);
  });
});
