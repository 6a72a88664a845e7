import { runCorpus } from '../../support/corpus.js';
import { receiveCases } from './receive.cases.js';

runCorpus('receive', receiveCases);
