// The purge suite: PurgeQueue removes visible, in-flight and delayed messages within 60 s, may
// remove messages sent while it runs, and blocks another purge for 60 s
// (../shared/reference/sqs-semantics.md 4.6, 14 N10; aws-recorded-facts.md A12).
import { countsRule, lifecycleRule, purgeRule } from '../../../src/check/index.js';
import type { SuiteDefinition } from '../../../src/suite/index.js';
import { entries } from './catalog.js';
import { countsScenario, purgeScenario } from './scenarios.js';

export const purge: SuiteDefinition = {
  name: 'purge',
  description: 'PurgeQueue (what it removes and when, sends racing it, the 60 s block) and the approximate counts.',
  requires: ['purge'],
  catalog: entries,
  rules: [lifecycleRule, purgeRule, countsRule],
  actions: ['CreateQueue', 'GetQueueAttributes', 'SendMessage', 'ReceiveMessage', 'DeleteMessage', 'PurgeQueue', 'DeleteQueue'],
  sources: ['sqs-semantics.md 4.6, 14 N10', 'aws-recorded-facts.md A12 items 113-114'],
  corpus: async () => (await import('./corpus/index.js')).cases,
  properties: [
    { name: 'counts', runs: 2, arbitrary: countsScenario, description: 'ApproximateNumberOfMessages, …NotVisible and …Delayed at quiet moments, judged as windows over the messages whose state is certain; again after a purge.' },
    { name: 'purge', runs: 2, arbitrary: purgeScenario, description: 'Visible, in-flight and delayed messages purged; sends racing the purge; a second purge at once (refused) and a third after 60 s (accepted); receives after the purge’s minute.' },
  ],
};
