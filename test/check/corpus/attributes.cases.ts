// Queue attributes read back after CreateQueue.
import { history } from '../../../src/history/builder.js';
import type { CorpusCase } from '../../../src/suite/index.js';
import { STANDARD_DEFAULTS } from '../../../conformance/facts.js';

/** CreateQueue with `set`, then GetQueueAttributes(All) answering the defaults overridden by `reported`. */
function readBack(set: Record<string, string> | undefined, reported: Record<string, string>) {
  return history().create('q', set).at(10).getQueueAttributes('setup', 'q', { ...STANDARD_DEFAULTS, ...reported }).build();
}

export const attributeCases: CorpusCase[] = [
  {
    id: 'attributes.default-wrong',
    bad: 'a new queue reports VisibilityTimeout 60',
    good: 'it reports 30',
    source: 'aws-recorded-facts.md A10 item 96; A2 item 15',
    badHistory: readBack(undefined, { VisibilityTimeout: '60' }),
    goodHistory: readBack(undefined, {}),
  },
  {
    id: 'attributes.default-wrong',
    bad: 'a new queue reports MaximumMessageSize 262144 (the value before 2025-08)',
    good: 'it reports 1048576',
    source: 'aws-recorded-facts.md A10 item 96',
    badHistory: readBack(undefined, { MaximumMessageSize: '262144' }),
    goodHistory: readBack(undefined, { MaximumMessageSize: '1048576' }),
  },
  {
    id: 'attributes.value-not-applied',
    bad: 'CreateQueue sets VisibilityTimeout 2; GetQueueAttributes reports 30',
    good: 'it reports 2',
    source: 'sqs-semantics.md 3; 4.4',
    badHistory: readBack({ VisibilityTimeout: '2' }, { VisibilityTimeout: '30' }),
    goodHistory: readBack({ VisibilityTimeout: '2' }, { VisibilityTimeout: '2' }),
  },
];
