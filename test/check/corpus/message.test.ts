import { runCorpus } from '../../support/corpus.js';
import { messageCases } from './message.cases.js';

runCorpus('message', messageCases);
