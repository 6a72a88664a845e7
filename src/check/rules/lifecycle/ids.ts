// The ids the lifecycle rules raise; the lifecycle suite's catalogue has an entry for each
// (conformance/suites/lifecycle/catalog.ts is typed by this list).
export const LIFECYCLE_IDS = [
  'message.lost',
  'delay.visible-early',
  'delay.invisible-too-long',
  'visibility.redelivered-early',
  'visibility.invisible-too-long',
  'visibility.change-not-applied',
  'visibility.change-rejected',
  'visibility.change-stale-handle-rejected',
  'visibility.change-deleted-accepted',
  'visibility.cap-not-enforced',
  'visibility.cap-rejected-early',
  'delete.rejected',
  'delete.stale-handle-rejected',
  'delete.not-effective',
  'retention.expired-late',
  'receive-count.too-low',
  'receive-count.wrong',
  'timestamp.sent-wrong',
  'timestamp.first-receive-wrong',
  'receive.empty-while-visible',
  'receive.long-poll-returned-early',
] as const;

export type LifecycleId = (typeof LIFECYCLE_IDS)[number];
