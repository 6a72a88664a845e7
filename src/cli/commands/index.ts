// The commands of the CLI, in the order `--help` lists them. Adding one is a file in this folder
// exporting a CommandDefinition, and a line here.
import type { CommandDefinition } from '../contracts.js';
import { checkSettingsCommand } from './check-settings.js';
import { checkCommand } from './check.js';
import { cleanupCommand } from './cleanup.js';
import { matrixCommand } from './matrix.js';
import { runCommand } from './run.js';
import { serveCommand } from './serve.js';
import { simulateCommand } from './simulate.js';
import { suitesCommand } from './suites.js';

export const COMMANDS: readonly CommandDefinition<unknown>[] = [runCommand, suitesCommand, checkCommand, matrixCommand, serveCommand, cleanupCommand, checkSettingsCommand, simulateCommand];
