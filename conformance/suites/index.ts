// Every suite of the kit, in the order reports list them. The CLI registers these; a library user
// may pass any list of SuiteDefinitions (their own included) to runSuites.
import type { SuiteDefinition } from '../../src/suite/index.js';
import { batch } from './batch/suite.js';
import { fifo } from './fifo/suite.js';
import { lifecycle } from './lifecycle/suite.js';
import { purge } from './purge/suite.js';
import { redrive } from './redrive/suite.js';
import { messageAttributes } from './message-attributes/suite.js';

export const SUITES: readonly SuiteDefinition[] = [lifecycle, fifo, batch, messageAttributes, redrive, purge];
