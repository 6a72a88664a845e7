// A tiny DSL to hand-build histories readably for checker corpora (a bad and a near-miss good
// history per divergence id; conformance/suites/<area>/corpus and test/check/corpus). PURE.
//
//   const h = history()
//     .create('q', { VisibilityTimeout: '2' })              // CreateQueue ok at the cursor, 5 ms
//     .at(0).send('p1', 'q', 'm-a', { id: 'A' })             // invoke at 0 ms, ok at 5 ms
//     .at(100).receive('p2', 'q', [{ id: 'A', body: 'm-a', handle: 'h1' }], { VisibilityTimeout: 2 })
//     .at(1000).deleteMessage('p2', 'q', 'h1')
//     .at(3000).receive('drain', 'q', [], { WaitTimeSeconds: 1 }, { durationMs: 1000 })
//     .build();
//
// Times are history milliseconds: `time` is written in ns and `wallTime` is ORIGIN_WALL_MS + ms, so
// server timestamps can be written with `wallAt(ms)`. Calls may be added in any order; `build()`
// sorts the ops by time (a completion before an invoke at the same instant), numbers them, and
// refuses overlapping calls of one process (a process runs one call at a time).
import { createHash } from 'node:crypto';
import { HISTORY_SCHEMA_VERSION, type Action, type CompletionOp, type History, type Indeterminate, type Op, type OpMeta, type ServiceError } from './index.js';

/** Wall-clock epoch ms of history time 0 (2025-01-01T00:00:00Z). */
export const ORIGIN_WALL_MS = 1_735_689_600_000;

/** Default duration of a call: short, so the checker's ε stays at the profile's 50 ms. */
export const DEFAULT_DURATION_MS = 5;

/** The wall-clock epoch ms of a history time (ms), e.g. for SentTimestamp. */
export function wallAt(ms: number, origin = ORIGIN_WALL_MS): number {
  return origin + ms;
}

/** As SQS writes timestamps: integer epoch milliseconds in a string (aws-recorded-facts.md A1 item 9). */
export function stampAt(ms: number, origin = ORIGIN_WALL_MS): string {
  return String(Math.floor(wallAt(ms, origin)));
}

/** Lower-case hex MD5 of the UTF-8 body (aws-recorded-facts.md A1 item 1); computed here, not by src/spec. */
export function md5(body: string): string {
  return createHash('md5').update(Buffer.from(body, 'utf8')).digest('hex');
}

export interface FailSpec {
  code: string;
  type?: string;
  message?: string;
  httpStatus?: number;
}

export interface CallOptions {
  /** Invoke time (ms); default: the cursor set by `at()` or the end of the previous call. */
  at?: number;
  /** ms from invoke to completion; default DEFAULT_DURATION_MS. */
  durationMs?: number;
  /** The call failed with this error (a `fail` op). */
  fail?: FailSpec;
  /** The outcome is unknown (an `info` op), e.g. `true` or `'timeout'`. */
  info?: true | Indeterminate['reason'];
  /** The history ends before the call completes (no completion op). */
  open?: boolean;
  /** A name to look the call's op indices up after build() (`indicesOf`). */
  label?: string;
}

export interface ReceivedMessage {
  id: string;
  body: string;
  handle: string;
  /** System attributes as strings, e.g. { ApproximateReceiveCount: '1' }. */
  attrs?: Record<string, string>;
  /** MD5OfBody to report; default the MD5 of `body`. */
  md5?: string;
  /** Members to leave out of the message (to build a malformed response). */
  omit?: ('MessageId' | 'ReceiptHandle' | 'MD5OfBody' | 'Body')[];
  /** More members of the message, e.g. MessageAttributes and MD5OfMessageAttributes. */
  extra?: Record<string, unknown>;
}

export interface SendOptions extends CallOptions {
  /** MessageId the send returns; default a fresh one. */
  id?: string;
  delaySeconds?: number;
  /** MD5OfMessageBody to report; default the MD5 of the body. */
  md5?: string;
  /** Extra request members. */
  input?: Record<string, unknown>;
  /** SequenceNumber the send answers (FIFO). */
  sequenceNumber?: string;
  /** More members of the answer, e.g. MD5OfMessageAttributes. */
  output?: Record<string, unknown>;
}

export interface BatchSendEntry {
  id: string;
  body: string;
  /** MessageId the answer gives; default a fresh one. */
  message?: string;
  delaySeconds?: number;
  md5?: string;
  fail?: FailSpec;
  missing?: boolean;
  /** More members of the entry's request (e.g. MessageAttributes) and of its Successful record. */
  input?: Record<string, unknown>;
  output?: Record<string, unknown>;
  /** SenderFault of a failed entry (default true); `null` leaves the member out. */
  senderFault?: boolean | null;
}

export interface BatchHandleEntry {
  id: string;
  handle: string;
  visibilityTimeout?: number;
  fail?: FailSpec;
  missing?: boolean;
  /** SenderFault of a failed entry (default true); `null` leaves the member out. */
  senderFault?: boolean | null;
}

/** A batch answer's `Failed` record of an entry (SenderFault true unless the entry says otherwise). */
function failedRecord(e: { id: string; fail?: FailSpec; senderFault?: boolean | null }): Record<string, unknown> {
  const sf = e.senderFault === undefined ? true : e.senderFault;
  return { Id: e.id, ...(sf !== null ? { SenderFault: sf } : {}), Code: e.fail!.code, ...(e.fail!.message !== undefined ? { Message: e.fail!.message } : {}) };
}

interface PlannedCall {
  process: string;
  f: Action;
  queue: string;
  input: Record<string, unknown>;
  response: Record<string, unknown>;
  startMs: number;
  endMs: number;
  opts: CallOptions;
  order: number;
}

export class HistoryBuilder {
  private calls: PlannedCall[] = [];
  private cursor = 0;
  private ids = 0;
  private built?: { history: History; labels: Map<string, number[]> };

  constructor(private readonly origin: number) {}

  /** Sets the invoke time (ms) of the next call. */
  at(ms: number): this {
    this.cursor = ms;
    return this;
  }

  /** Any call, with its request and (for an ok outcome) its response. */
  call(process: string, f: Action, queue: string, input: Record<string, unknown>, response: Record<string, unknown> = {}, opts: CallOptions = {}): this {
    if (this.built) throw new Error('history already built');
    const startMs = opts.at ?? this.cursor;
    const endMs = startMs + (opts.durationMs ?? DEFAULT_DURATION_MS);
    if (endMs < startMs) throw new Error(`negative duration for ${f}`);
    this.calls.push({ process, f, queue, input, response, startMs, endMs, opts, order: this.calls.length });
    this.cursor = endMs;
    return this;
  }

  /** CreateQueue by process `setup`; attribute values as strings (as SQS takes them). */
  create(queue: string, attributes?: Record<string, string>, opts: CallOptions = {}): this {
    const input: Record<string, unknown> = { QueueName: queue };
    if (attributes) input.Attributes = attributes;
    return this.call('setup', 'CreateQueue', queue, input, { QueueUrl: `http://sqs.local/000000000000/${queue}` }, opts);
  }

  send(process: string, queue: string, body: string, opts: SendOptions = {}): this {
    const input: Record<string, unknown> = { QueueUrl: queue, MessageBody: body, ...opts.input };
    if (opts.delaySeconds !== undefined) input.DelaySeconds = opts.delaySeconds;
    const id = opts.id ?? `00000000-0000-4000-8000-${String(++this.ids).padStart(12, '0')}`;
    const response: Record<string, unknown> = { MessageId: id, MD5OfMessageBody: opts.md5 ?? md5(body), ...opts.output };
    if (opts.sequenceNumber !== undefined) response.SequenceNumber = opts.sequenceNumber;
    return this.call(process, 'SendMessage', queue, input, response, opts);
  }

  /** ReceiveMessage returning `messages` (none: the `Messages` key is left out, A1 item 5). */
  receive(process: string, queue: string, messages: ReceivedMessage[], input: Record<string, unknown> = {}, opts: CallOptions = {}): this {
    const list = messages.map((m) => {
      const out: Record<string, unknown> = { MessageId: m.id, ReceiptHandle: m.handle, MD5OfBody: m.md5 ?? md5(m.body), Body: m.body };
      if (m.attrs && Object.keys(m.attrs).length > 0) out.Attributes = { ...m.attrs };
      Object.assign(out, m.extra);
      for (const k of m.omit ?? []) delete out[k];
      return out;
    });
    return this.call(process, 'ReceiveMessage', queue, { QueueUrl: queue, ...input }, list.length > 0 ? { Messages: list } : {}, opts);
  }

  deleteMessage(process: string, queue: string, handle: string, opts: CallOptions = {}): this {
    return this.call(process, 'DeleteMessage', queue, { QueueUrl: queue, ReceiptHandle: handle }, {}, opts);
  }

  changeVisibility(process: string, queue: string, handle: string, visibilityTimeout: number, opts: CallOptions = {}): this {
    return this.call(process, 'ChangeMessageVisibility', queue, { QueueUrl: queue, ReceiptHandle: handle, VisibilityTimeout: visibilityTimeout }, {}, opts);
  }

  /**
   * SendMessageBatch of `entries` ({ id: entry Id, body, message: MessageId | undefined }): an
   * entry with `fail` goes to `Failed`, one with `missing` to neither list (a malformed answer).
   */
  sendBatch(process: string, queue: string, entries: BatchSendEntry[], opts: CallOptions = {}): this {
    const input = { QueueUrl: queue, Entries: entries.map((e) => ({ Id: e.id, MessageBody: e.body, ...(e.delaySeconds !== undefined ? { DelaySeconds: e.delaySeconds } : {}), ...e.input })) };
    const Successful = entries
      .filter((e) => !e.fail && !e.missing)
      .map((e) => ({ Id: e.id, MessageId: e.message ?? `00000000-0000-4000-8000-${String(++this.ids).padStart(12, '0')}`, MD5OfMessageBody: e.md5 ?? md5(e.body), ...e.output }));
    const Failed = entries.filter((e) => e.fail).map(failedRecord);
    return this.call(process, 'SendMessageBatch', queue, input, { Successful, Failed }, opts);
  }

  /** DeleteMessageBatch or ChangeMessageVisibilityBatch of `entries`, with per-entry outcomes. */
  handleBatch(process: string, queue: string, action: 'DeleteMessageBatch' | 'ChangeMessageVisibilityBatch', entries: BatchHandleEntry[], opts: CallOptions = {}): this {
    const input = { QueueUrl: queue, Entries: entries.map((e) => ({ Id: e.id, ReceiptHandle: e.handle, ...(e.visibilityTimeout !== undefined ? { VisibilityTimeout: e.visibilityTimeout } : {}) })) };
    const Successful = entries.filter((e) => !e.fail && !e.missing).map((e) => ({ Id: e.id }));
    const Failed = entries.filter((e) => e.fail).map(failedRecord);
    return this.call(process, action, queue, input, { Successful, Failed }, opts);
  }

  /** GetQueueAttributes(All) by `process`, answering `attributes`. */
  getQueueAttributes(process: string, queue: string, attributes: Record<string, string>, opts: CallOptions = {}): this {
    return this.call(process, 'GetQueueAttributes', queue, { QueueUrl: queue, AttributeNames: ['All'] }, { Attributes: { ...attributes } }, opts);
  }

  build(): History {
    if (this.built) return this.built.history;
    // One call at a time per process.
    const byProcess = new Map<string, PlannedCall[]>();
    for (const c of this.calls) byProcess.set(c.process, [...(byProcess.get(c.process) ?? []), c]);
    for (const [process, calls] of byProcess) {
      const sorted = [...calls].sort((a, b) => a.startMs - b.startMs || a.order - b.order);
      for (let i = 1; i < sorted.length; i++) {
        const prev = sorted[i - 1]!;
        const next = sorted[i]!;
        if (prev.opts.open || next.startMs < prev.endMs) {
          throw new Error(`process ${process}: ${next.f} at ${next.startMs} ms starts before ${prev.f} (${prev.startMs}–${prev.opts.open ? '∞' : prev.endMs} ms) ended`);
        }
      }
    }
    type Ev = { ms: number; completion: boolean; call: PlannedCall };
    const events: Ev[] = [];
    for (const c of this.calls) {
      events.push({ ms: c.startMs, completion: false, call: c });
      if (!c.opts.open) events.push({ ms: c.endMs, completion: true, call: c });
    }
    events.sort((a, b) => a.ms - b.ms || Number(b.completion) - Number(a.completion) || a.call.order - b.call.order);
    const ops: Op[] = [];
    const labels = new Map<string, number[]>();
    for (const e of events) {
      const c = e.call;
      const base = { index: ops.length, process: c.process, f: c.f, queue: c.queue, time: Math.round(e.ms * 1e6), wallTime: wallAt(e.ms, this.origin) };
      if (c.opts.label) labels.set(c.opts.label, [...(labels.get(c.opts.label) ?? []), base.index]);
      if (!e.completion) {
        ops.push({ ...base, type: 'invoke', value: structuredClone(c.input) });
        continue;
      }
      ops.push(completion(base, c));
    }
    const history: History = {
      header: { schemaVersion: HISTORY_SCHEMA_VERSION, target: 'hand-built', protocol: 'json', retries: 'disabled', origin: { corpus: true } },
      ops,
    };
    this.built = { history, labels };
    return history;
  }

  /** Op indices (invoke, completion) of the call labelled `label`; build() first. */
  indicesOf(label: string): number[] {
    if (!this.built) this.build();
    const found = this.built!.labels.get(label);
    if (!found) throw new Error(`no call labelled ${label}`);
    return found;
  }
}

function completion(base: Omit<CompletionOp, 'type' | 'value' | 'meta'>, c: PlannedCall): CompletionOp {
  if (c.opts.fail) {
    const f = c.opts.fail;
    const value: ServiceError = { code: f.code };
    if (f.type !== undefined) value.type = f.type;
    if (f.message !== undefined) value.message = f.message;
    if (f.httpStatus !== undefined) value.httpStatus = f.httpStatus;
    const meta: OpMeta = { protocol: 'json', attempts: 1, ...(f.httpStatus !== undefined ? { httpStatus: f.httpStatus } : {}) };
    return { ...base, type: 'fail', value, meta };
  }
  if (c.opts.info) {
    const reason = c.opts.info === true ? 'timeout' : c.opts.info;
    return { ...base, type: 'info', value: { reason, detail: 'hand-built: response lost' } as Indeterminate, meta: { protocol: 'json', attempts: 1 } };
  }
  return { ...base, type: 'ok', value: structuredClone(c.response), meta: { protocol: 'json', attempts: 1, httpStatus: 200 } };
}

export function history(opts: { originWallMs?: number } = {}): HistoryBuilder {
  return new HistoryBuilder(opts.originWallMs ?? ORIGIN_WALL_MS);
}
