// Helpers of the engine tests: unwrap an EngineResult as the value or the error it must be.
import type { EngineResult } from '../../src/spec/engine/index.js';

export function ok<T>(r: EngineResult<T>): T {
  if ('error' in r) throw new Error(`unexpected error ${r.error.code}: ${r.error.message}`);
  return r.ok;
}

export function err<T>(r: EngineResult<T>) {
  if (!('error' in r)) throw new Error(`expected an error, got ${JSON.stringify(r.ok)}`);
  return r.error;
}
