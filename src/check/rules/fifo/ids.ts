// The ids the FIFO rules raise; the fifo suite's catalogue has an entry for each.
export const FIFO_IDS = [
  'fifo.order-inverted',
  'fifo.group-lock-violated',
  'fifo.redelivered-early',
  'fifo.delivered-after-delete',
  'fifo.lapsed-handle-accepted',
  'fifo.deduplication-failed',
  'fifo.deduplicated-answer-differs',
  'fifo.sequence-number-missing',
  'fifo.sequence-not-increasing',
  'fifo.sequence-number-changed',
  'fifo.attempt-retry-differs',
  'fair.group-id-missing',
  'fair.sequence-number-present',
] as const;

export type FifoId = (typeof FIFO_IDS)[number];
