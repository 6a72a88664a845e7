// The nondeterminism catalogue of ../shared/reference/sqs-semantics.md section 14, as data: for
// each N-item, what SQS may do and how the engine produces it. `choose: typical` always takes the
// AWS-typical outcome; `choose: random(seed)` draws among the allowed outcomes where `random` is
// named below. The engine target (src/target/engine-target.ts) adds what a network does: latency
// and lost responses. PURE.

export type Exercise =
  | 'random' // the engine draws it with choose: random
  | 'random-guaranteed' // drawn only at `guaranteed` strictness (a deviation from AWS practice)
  | 'target' // produced by the engine target (latency, lost responses), not by the engine
  | 'fixed' // the engine takes one allowed outcome always
  | 'option'; // a setting of the engine, not a draw

export interface NondeterminismEntry {
  id: string;
  aspect: string;
  exercise: Exercise;
  how: string;
}

export const NONDETERMINISM: readonly NondeterminismEntry[] = [
  { id: 'N1', aspect: 'duplicates (standard)', exercise: 'random-guaranteed', how: 'a receive may also hand out an in-flight standard message before its deadline (early redelivery); redelivery after a successful delete is not drawn' },
  { id: 'N2', aspect: 'ordering (standard)', exercise: 'random', how: 'candidates are shuffled before a receive takes them' },
  { id: 'N3', aspect: 'short-poll sampling', exercise: 'random', how: 'a short poll returns any number from 0 to min(Max, visible): polling.receiveSizeRange' },
  { id: 'N4', aspect: 'long poll', exercise: 'random', how: 'a long poll answering early returns 1..min(Max, visible); empty-despite-messages is not drawn (the final drain would read it as a loss)' },
  { id: 'N5', aspect: 'FIFO receive composition', exercise: 'random', how: 'which receivable group fills the batch first is shuffled; order and the group lock hold (fifo.receivableGroups)' },
  { id: 'N6', aspect: 'Approximate* counters', exercise: 'fixed', how: 'exact counts (a tolerance is the checker\'s business)' },
  { id: 'N7', aspect: 'visibility expiry boundary', exercise: 'target', how: 'visible exactly at the deadline; the op windows of the target (latency) blur it' },
  { id: 'N8', aspect: 'delay expiry', exercise: 'target', how: 'visible exactly at the delay end; latency blurs it' },
  { id: 'N9', aspect: 'retention expiry', exercise: 'random', how: 'removal anywhere in [deadline, deadline + retentionSlackMs], drawn per message at send' },
  { id: 'N10', aspect: 'purge', exercise: 'fixed', how: 'immediate: every message present at the call is gone' },
  { id: 'N11', aspect: 'DeleteQueue', exercise: 'fixed', how: 'immediate; the checker allows the lagging answers of propagation.ts at guaranteed strictness' },
  { id: 'N12', aspect: 'CreateQueue propagation', exercise: 'fixed', how: 'usable at once; the checker allows the lagging answers of propagation.ts at guaranteed strictness' },
  { id: 'N13', aspect: 'same-name re-create', exercise: 'fixed', how: 'QueueDeletedRecently for exactly 60 s; propagation.ts allows it up to 70 s at guaranteed strictness' },
  { id: 'N14', aspect: 'attribute propagation', exercise: 'fixed', how: 'new values govern at once; propagation.ts allows the old value for 60 s (retention 15 min) at guaranteed strictness' },
  { id: 'N15', aspect: 'stale receipt handle', exercise: 'random', how: 'outcome-table rows: a stale delete deletes or not' },
  { id: 'N16', aspect: 'expired/changed handle errors', exercise: 'random-guaranteed', how: 'outcome-table deviation rows (MessageNotInflight, ReceiptHandleIsInvalid, IPV texts)' },
  { id: 'N17', aspect: 'receive count with lost responses', exercise: 'target', how: 'the engine counts every receive; the target loses responses after the engine acted' },
  { id: 'N18', aspect: 'DLQ move timing', exercise: 'fixed', how: 'lazy: on the receive that would exceed maxReceiveCount (redrive.movesOnReceive)' },
  { id: 'N19', aspect: 'in-flight limit', exercise: 'fixed', how: 'not enforced' },
  { id: 'N20', aspect: 'FIFO dedup after the window', exercise: 'fixed', how: 'exactly 5 minutes' },
  { id: 'N21', aspect: 'fair-queue preference', exercise: 'random', how: 'as N2/N3: a MessageGroupId on a standard queue imposes no order' },
  { id: 'N22', aspect: 'invalid characters', exercise: 'option', how: 'reject (current docs); the validation layer can replace instead' },
  { id: 'N23', aspect: 'default MaximumMessageSize', exercise: 'option', how: 'EngineOptions.defaultMaximumMessageSize' },
];
