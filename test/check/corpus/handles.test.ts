import { runCorpus } from './corpus.js';
import { handleCases } from './handles.cases.js';

runCorpus('handles', handleCases);
