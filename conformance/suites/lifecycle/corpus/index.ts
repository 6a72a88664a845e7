// The lifecycle suite's corpus: for each of its divergence ids a bad history and a near miss.
import type { CorpusCase } from '../../../../src/suite/index.js';
import { handleCases } from './handles.cases.js';
import { metadataCases } from './metadata.cases.js';
import { pollCases } from './polls.cases.js';
import { visibilityCases } from './visibility.cases.js';

export const cases: readonly CorpusCase[] = [...visibilityCases, ...handleCases, ...metadataCases, ...pollCases];
