// The queue-attributes suite's corpus: for each of its divergence ids a bad history and a near miss.
import type { CorpusCase } from '../../../../src/suite/index.js';
import { attributeCases } from './attributes.cases.js';

export const cases: readonly CorpusCase[] = attributeCases;
