import type { Call, CompletionOp, History, InvokeOp, Op } from './types.js';

/**
 * Pairs every invoke with the next completion of the same process (a process runs one call at a
 * time). A call never completed gets `end = +Infinity`: it may take effect at any later time.
 */
export function pairCalls(ops: readonly Op[]): Call[] {
  const open = new Map<string, InvokeOp>();
  const calls: Call[] = [];
  const byInvoke = new Map<InvokeOp, Call>();
  for (const op of ops) {
    if (op.type === 'invoke') {
      const pending = open.get(op.process);
      if (pending) throw new HistoryError(`process ${op.process} invoked op ${op.index} while op ${pending.index} was open`);
      open.set(op.process, op);
      const call: Call = { invoke: op, start: op.time, end: Number.POSITIVE_INFINITY };
      calls.push(call);
      byInvoke.set(op, call);
    } else {
      const inv = open.get(op.process);
      if (!inv) throw new HistoryError(`completion op ${op.index} of process ${op.process} has no invoke`);
      if (inv.f !== op.f) throw new HistoryError(`completion op ${op.index} (${op.f}) does not match invoke ${inv.index} (${inv.f})`);
      open.delete(op.process);
      const call = byInvoke.get(inv)!;
      call.complete = op as CompletionOp;
      call.end = op.time;
    }
  }
  return calls;
}

export class HistoryError extends Error {
  override name = 'HistoryError';
}

/** True when the call certainly took effect with this response. */
export const isOk = (c: Call): c is Call & { complete: Extract<CompletionOp, { type: 'ok' }> } => c.complete?.type === 'ok';
export const isFail = (c: Call): c is Call & { complete: Extract<CompletionOp, { type: 'fail' }> } => c.complete?.type === 'fail';
/** Unknown outcome: info, or never completed. */
export const isIndeterminate = (c: Call): boolean => c.complete === undefined || c.complete.type === 'info';

export function callsOf(history: History): Call[] {
  return pairCalls(history.ops);
}
