// The lifecycle suite: send, receive, visibility timeout, delete, delay, long polling, retention,
// bodies and parameter limits on standard queues (../shared/reference/sqs-semantics.md 4-7, 14).
import { lifecycleRule } from '../../../src/check/index.js';
import type { SuiteDefinition } from '../../../src/suite/index.js';
import { entries } from './catalog.js';
import {
  bodyScenario,
  delayScenario,
  longPollScenario,
  retentionScenario,
  validationScenario,
  visibilityCapScenario,
  visibilityScenario,
} from './scenarios.js';

export const lifecycle: SuiteDefinition = {
  name: 'lifecycle',
  description: 'Standard-queue message lifecycle: visibility, delete, delay, long polling, retention, limits.',
  requires: [],
  catalog: entries,
  rules: [lifecycleRule],
  actions: ['CreateQueue', 'GetQueueAttributes', 'SendMessage', 'ReceiveMessage', 'DeleteMessage', 'ChangeMessageVisibility', 'DeleteQueue'],
  sources: ['sqs-semantics.md 4.7-4.11, 5, 6, 7, 14', 'aws-recorded-facts.md A1-A13'],
  corpus: async () => (await import('./corpus/index.js')).cases,
  properties: [
    { name: 'visibility', runs: 6, arbitrary: visibilityScenario, description: 'Producers and consumers around 1–4 s visibility timeouts, per-call overrides, ChangeMessageVisibility and deletes with current, stale and garbage handles.' },
    { name: 'delay', runs: 3, arbitrary: delayScenario, description: 'Queue and per-message delays against short and long polls.' },
    { name: 'long-poll', runs: 3, arbitrary: longPollScenario, description: 'Long polls wake as soon as a message is visible and wait their full time otherwise.' },
    { name: 'visibility-cap', runs: 1, arbitrary: visibilityCapScenario, description: 'ChangeMessageVisibility within and beyond the 12-hour cap counted from the receive.' },
    { name: 'retention', runs: 1, arbitrary: retentionScenario, description: 'Messages survive until the 60 s minimum retention and are gone soon after, in flight or not.' },
    { name: 'body', runs: 2, arbitrary: bodyScenario, description: 'Bodies with tabs, line breaks, XML-special text and characters from every allowed plane come back byte-exact with the right MD5.' },
    { name: 'validation', runs: 4, arbitrary: validationScenario, description: 'Requests at and just past documented limits fail with the exact AWS error.' },
  ],
};
