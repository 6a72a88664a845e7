// The lifecycle suite: send, receive, visibility timeout, delete, delay, long polling, retention,
// bodies and parameter limits on standard queues (../shared/reference/sqs-semantics.md 4-7, 14).
import { LIFECYCLE_IDS, lifecycleRule } from '../../../src/check/index.js';
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

/** What the visibility property's scenarios bring about (rule coverage steers extra instances by it). */
const VISIBILITY: readonly string[] = [
  ...LIFECYCLE_IDS.filter((id) => /^(visibility|delete|receive-count|timestamp)\./.test(id) && !id.startsWith('visibility.cap-')),
  'message.lost',
  'handle.invalid-accepted',
];

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
    { name: 'visibility', runs: 6, arbitrary: visibilityScenario, description: 'Producers and consumers around 1–4 s visibility timeouts, per-call overrides, ChangeMessageVisibility and deletes with current, stale and garbage handles.', exercises: VISIBILITY },
    { name: 'delay', runs: 3, arbitrary: delayScenario, description: 'Queue and per-message delays against short and long polls.', exercises: ['delay.visible-early', 'delay.invisible-too-long', 'receive.empty-while-visible', 'message.lost'] },
    { name: 'long-poll', runs: 3, arbitrary: longPollScenario, description: 'Long polls wake as soon as a message is visible and wait their full time otherwise.', exercises: ['receive.empty-while-visible', 'receive.long-poll-returned-early', 'delay.invisible-too-long', 'message.lost'] },
    { name: 'visibility-cap', runs: 1, arbitrary: visibilityCapScenario, description: 'ChangeMessageVisibility within and beyond the 12-hour cap counted from the receive.', exercises: ['visibility.cap-not-enforced', 'visibility.cap-rejected-early'] },
    { name: 'retention', runs: 1, arbitrary: retentionScenario, description: 'Messages survive until the 60 s minimum retention and are gone soon after, in flight or not.', exercises: ['retention.expired-late'] },
    { name: 'body', runs: 2, arbitrary: bodyScenario, description: 'Bodies with tabs, line breaks, XML-special text and characters from every allowed plane come back byte-exact with the right MD5.', exercises: ['message.lost'] },
    { name: 'validation', runs: 4, arbitrary: validationScenario, description: 'Requests at and just past documented limits fail with the exact AWS error.', exercises: ['validation.accepted-invalid', 'validation.rejected-valid', 'error.wrong-code', 'error.wrong-status', 'error.wrong-message'] },
  ],
};
