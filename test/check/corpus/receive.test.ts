import { runCorpus } from './corpus.js';
import { receiveCases } from './receive.cases.js';

runCorpus('receive', receiveCases);
