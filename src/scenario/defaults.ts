// Defaults a step needs to plan (how long the drain must wait), read from the model's table.
import { defaultAttributes } from '../spec/attributes.js';

/** The queue's default VisibilityTimeout in seconds (sqs-semantics.md 3; aws-recorded-facts.md item 96). */
export const DEFAULT_VISIBILITY_TIMEOUT = Number(defaultAttributes('standard').VisibilityTimeout);
