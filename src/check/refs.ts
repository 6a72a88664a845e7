// How findings name calls and values: small constructors for the bindings of an explanation. PURE.
import type { Call, ServiceError } from '../history/index.js';
import type { ExpectedError } from '../spec/types.js';
import { toMs } from './prepare.js';
import type { Binding, CallRef } from './types.js';

/** A call as explanations name it; an unknown outcome has no end. */
export function callRef(c: Call, entry?: string): CallRef {
  return {
    call: c.invoke.index,
    process: c.invoke.process,
    f: c.invoke.f,
    fromMs: toMs(c.start),
    toMs: c.complete && c.complete.type !== 'info' ? toMs(c.end) : null,
    ...(entry !== undefined ? { entry } : {}),
  };
}

/** A time on the history's clock. */
export const ms = (value: number): Binding => ({ ms: value });
/** A length of time in ms (a report never places it on its time axis). */
export const durationMs = (value: number): Binding => ({ ms: value, duration: true });
export const seconds = (value: number): Binding => ({ seconds: value });
export const text = (value: string): Binding => ({ text: value });
export const list = (items: Iterable<string>): Binding => ({ list: [...items] });

export function observedError(e: ServiceError): Binding {
  return { error: { code: e.code, ...(e.httpStatus !== undefined ? { httpStatus: e.httpStatus } : {}), ...(e.message !== undefined ? { message: e.message } : {}) } };
}

export function expected(e: ExpectedError): Binding {
  return { error: { code: e.code, httpStatus: e.httpStatus, message: e.message } };
}

/** Indices of the ops of these calls (invokes and completions), sorted. */
export function opIndices(calls: readonly Call[]): number[] {
  const out = new Set<number>();
  for (const c of calls) {
    out.add(c.invoke.index);
    if (c.complete) out.add(c.complete.index);
  }
  return [...out].sort((a, b) => a - b);
}
