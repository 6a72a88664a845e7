// The generic corpus: a case for every id of src/catalog's generic entries (the rules every check
// runs). Each suite keeps the corpus of its own ids in conformance/suites/<area>/corpus.
import type { CorpusCase } from '../../../src/suite/index.js';
import { attributeCases } from './attributes.cases.js';
import { invalidHandleCases } from './invalid-handles.cases.js';
import { messageCases } from './message.cases.js';
import { receiveCases } from './receive.cases.js';
import { validationCases } from './validation.cases.js';

export const genericCases: readonly CorpusCase[] = [...messageCases, ...receiveCases, ...validationCases, ...attributeCases, ...invalidHandleCases];
