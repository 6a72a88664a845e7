// Outcome tables of a FIFO queue: a handle is usable only while its receive's visibility lasts
// (sqs-semantics.md 4.10 "FIFO: delete outside the visibility window fails"; aws-recorded-facts.md
// items 27-28). PURE.
import type { HandleStatus } from '../message.js';
import { documented, inferred, invalidHandleError, lapsedHandleAlternatives, notAvailableForVisibilityChange, recorded, receiptHandleExpired } from './errors.js';
import type { Outcome } from './types.js';

const deviations = (handle: string): Outcome[] =>
  lapsedHandleAlternatives(handle).map((e): Outcome => ({ response: e, effect: 'none', typical: false, deviation: true, source: e.source }));

/** The recorded lapsed-handle error (item 27), then the other codes N16 allows, as deviations. */
function lapsed(handle: string, source = recorded('A3 item 27')): Outcome[] {
  const rows = deviations(handle).filter((o) => o.response === 'ok' || o.response.code !== 'InvalidParameterValue'); // IPV is the typical row
  return [{ response: receiptHandleExpired(handle), effect: 'none', typical: true, source }, ...rows];
}

/** DeleteMessage on a FIFO queue. */
export function fifoDeleteMessageOutcomes(status: HandleStatus, handle: string): Outcome[] {
  switch (status) {
    case 'inflight':
      // Also after the original timeout when ChangeMessageVisibility extended it in time (item 28).
      return [{ response: 'ok', effect: 'delete', typical: true, source: recorded('A3 items 27-28') }];
    case 'expired':
      return lapsed(handle); // item 27 [S]
    case 'stale':
      return lapsed(handle, inferred('4.10; aws-recorded-facts.md item 27 (an older receive lapsed too)'));
    case 'deleted':
      // Deleting again succeeds (items 12 and 29; recorded on standard queues, the same on FIFO INF).
      return [{ response: 'ok', effect: 'none', typical: true, source: recorded('A1 item 12; A3 item 29') }];
    case 'unknown':
      return [{ response: invalidHandleError(handle), effect: 'none', typical: true, source: recorded('A1 item 13') }];
  }
}

/** ChangeMessageVisibility on a FIFO queue (16 point 1: the lapsed-handle text by analogy with item 27). */
export function fifoChangeVisibilityOutcomes(status: HandleStatus, handle: string): Outcome[] {
  switch (status) {
    case 'inflight':
      return [{ response: 'ok', effect: 'set-visibility', typical: true, source: recorded('A7 items 70-71; A3 item 28') }];
    case 'expired':
    case 'stale':
      return lapsed(handle, inferred('4.11; 14 N16; aws-recorded-facts.md item 27'));
    case 'deleted': {
      const recordedError = notAvailableForVisibilityChange(handle);
      return [{ response: recordedError, effect: 'none', typical: true, source: recordedError.source }, ...deviations(handle)];
    }
    case 'unknown':
      return [{ response: invalidHandleError(handle), effect: 'none', typical: true, source: documented('4.11; aws-recorded-facts.md item 23') }];
  }
}
