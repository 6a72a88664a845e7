import { runCorpus } from './corpus.js';
import { metadataCases } from './metadata.cases.js';

runCorpus('metadata', metadataCases);
