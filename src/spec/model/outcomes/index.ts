// Outcome tables per queue type: one entry point so that callers never branch on the type
// themselves (the engine, the checker). PURE.
import type { HandleStatus } from '../message.js';
import { fifoChangeVisibilityOutcomes, fifoDeleteMessageOutcomes } from './fifo.js';
import { changeVisibilityOutcomes, deleteMessageOutcomes } from './standard.js';
import type { Outcome } from './types.js';

export type QueueKind = 'standard' | 'fifo';
export type HandleAction = 'DeleteMessage' | 'ChangeMessageVisibility';

const TABLES: Record<QueueKind, Record<HandleAction, (status: HandleStatus, handle: string) => Outcome[]>> = {
  standard: { DeleteMessage: deleteMessageOutcomes, ChangeMessageVisibility: changeVisibilityOutcomes },
  fifo: { DeleteMessage: fifoDeleteMessageOutcomes, ChangeMessageVisibility: fifoChangeVisibilityOutcomes },
};

/** The outcome table row of `action` with a handle in `status`, on a queue of `kind`. */
export function handleOutcomes(kind: QueueKind, action: HandleAction, status: HandleStatus, handle: string): Outcome[] {
  return TABLES[kind][action](status, handle);
}

export { allowedOutcomes, typicalOutcome } from './types.js';
export type { Effect, Outcome } from './types.js';
export { deleteMessageOutcomes, changeVisibilityOutcomes } from './standard.js';
export { fifoDeleteMessageOutcomes, fifoChangeVisibilityOutcomes } from './fifo.js';
export { invalidHandleError, notAvailableForVisibilityChange, receiptHandleExpired, lapsedHandleAlternatives } from './errors.js';
