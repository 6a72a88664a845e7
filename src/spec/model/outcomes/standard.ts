// Outcome tables of a standard queue: DeleteMessage and ChangeMessageVisibility for each handle
// status (../shared/reference/sqs-semantics.md 4.10, 4.11, 14 N15-N16; aws-recorded-facts.md A1-A3).
// The 12-hour cap is checked apart (model/message.ts). PURE.
import type { HandleStatus } from '../message.js';
import { documented, invalidHandleError, lapsedHandleAlternatives, notAvailableForVisibilityChange, observed, recorded } from './errors.js';
import type { Outcome } from './types.js';

const deviations = (handle: string): Outcome[] =>
  lapsedHandleAlternatives(handle).map((e): Outcome => ({ response: e, effect: 'none', typical: false, deviation: true, source: e.source }));

/** DeleteMessage on a standard queue. */
export function deleteMessageOutcomes(status: HandleStatus, handle: string): Outcome[] {
  switch (status) {
    case 'inflight':
      return [{ response: 'ok', effect: 'delete', typical: true, source: documented('4.10; 5.1') }];
    case 'expired':
      // A handle whose timeout lapsed: succeeds and removes (item 26).
      return [{ response: 'ok', effect: 'delete', typical: true, source: recorded('A3 item 26') }];
    case 'stale':
      // "the request will succeed, but the message might not be deleted" (4.10; N15).
      return [
        { response: 'ok', effect: 'delete', typical: true, source: documented('4.10') },
        { response: 'ok', effect: 'none', typical: false, source: documented('14 N15') },
      ];
    case 'deleted':
      // Deleting again, or after retention removed it, succeeds (items 12 and 29).
      return [{ response: 'ok', effect: 'none', typical: true, source: recorded('A1 item 12; A3 item 29') }];
    case 'unknown':
      return [{ response: invalidHandleError(handle), effect: 'none', typical: true, source: recorded('A1 item 13') }];
  }
}

/** ChangeMessageVisibility on a standard queue. */
export function changeVisibilityOutcomes(status: HandleStatus, handle: string): Outcome[] {
  switch (status) {
    case 'inflight':
      return [{ response: 'ok', effect: 'set-visibility', typical: true, source: documented('4.11') }];
    case 'expired':
      // 200 and no error (item 21); whether it hides the message again is not recorded: allow both.
      return [
        { response: 'ok', effect: 'set-visibility', typical: true, source: recorded('A2 item 21') },
        { response: 'ok', effect: 'none', typical: false, source: recorded('A2 item 21') },
      ];
    case 'stale':
      // An old handle still works on a standard queue (item 20); N15/N16 allow no effect or the lapsed-handle errors.
      return [
        { response: 'ok', effect: 'set-visibility', typical: true, source: recorded('A2 item 20') },
        { response: 'ok', effect: 'none', typical: false, deviation: true, source: observed('14 N15') },
        ...deviations(handle),
      ];
    case 'deleted': {
      const recordedError = notAvailableForVisibilityChange(handle);
      return [{ response: recordedError, effect: 'none', typical: true, source: recordedError.source }, ...deviations(handle)];
    }
    case 'unknown':
      return [{ response: invalidHandleError(handle), effect: 'none', typical: true, source: recorded('A2 item 23') }];
  }
}
