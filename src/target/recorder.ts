// The recorder turns calls into history ops: an `invoke` before the request, its completion after,
// with monotonic times since the recorder's origin. Several processes record at once; JS runs one
// callback at a time, so the order of `push` is the order of indices.
import type { Clock } from '../clock/index.js';
import type { Action, CompletionOp, InvokeOp, Op } from '../history/index.js';
import type { CallResult, SqsPort } from './types.js';
import { toJsonSafe } from './port-common.js';

export class Recorder {
  private readonly log: Op[] = [];
  private readonly origin: number;

  constructor(private readonly clock: Clock) {
    this.origin = clock.nowNs();
  }

  /** Nanoseconds since this recorder's origin. */
  now(): number {
    return this.clock.nowNs() - this.origin;
  }

  /**
   * Sends one request through `port` and records it. `input` carries the real QueueUrl; the invoke
   * op records the logical queue key instead (`queueUrlToKey`), and binary values as base64.
   */
  async record(
    process: string,
    queue: string,
    action: Action,
    input: Record<string, unknown>,
    port: SqsPort,
    queueUrlToKey: (url: string) => string,
  ): Promise<CallResult> {
    const value = toJsonSafe<Record<string, unknown>>(input);
    if (typeof value.QueueUrl === 'string') value.QueueUrl = queueUrlToKey(value.QueueUrl);
    const invoke: InvokeOp = {
      index: this.log.length,
      type: 'invoke',
      process,
      f: action,
      queue,
      time: this.now(),
      wallTime: this.clock.wallMs(),
      value,
    };
    this.log.push(invoke);

    let result: CallResult;
    try {
      result = await port.call(action, input);
    } catch (e) {
      // Ports never throw for answers; anything thrown here is a bug on our side: outcome unknown.
      result = {
        type: 'info',
        value: { reason: 'client-error', detail: `port threw: ${e instanceof Error ? e.message : String(e)}` },
        meta: { protocol: port.protocol },
      };
    }

    const base = {
      index: this.log.length,
      process,
      f: action,
      queue,
      time: this.now(),
      wallTime: this.clock.wallMs(),
      meta: result.meta,
    };
    let done: CompletionOp;
    if (result.type === 'ok') done = { ...base, type: 'ok', value: toJsonSafe(result.value) };
    else if (result.type === 'fail') done = { ...base, type: 'fail', value: result.value };
    else done = { ...base, type: 'info', value: result.value };
    this.log.push(done);
    return result;
  }

  /** A snapshot of the ops so far, in index order. */
  ops(): Op[] {
    return [...this.log];
  }
}
