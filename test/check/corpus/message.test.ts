import { runCorpus } from './corpus.js';
import { messageCases } from './message.cases.js';

runCorpus('message', messageCases);
