// cli: the `sqs-conformance` command. One file per command in commands/ (listed in
// commands/index.ts); contracts.ts holds what they share (CliIO, CliDeps, the library APIs, exit
// codes) and imports none of them; program.ts parses (PURE) and dispatches; run-options.ts is the one
// definition of the flags `run` and `matrix` share and of their defaults; kit.ts registers the kit's
// suites and loads the library lazily; main.ts alone touches the real process.
export * from './contracts.js';
export { buildProgram, parseCli, parseCommandLine, runCli, shellWords, type ParsedCli } from './program.js';
export { COMMANDS } from './commands/index.js';
export { RUN_DEFAULTS, exitCodeFor, runCommand, validateRunOptions, type RunCommandOptions } from './commands/run.js';
export { DEFAULT_BASELINES_DIR, MATRIX_DEFAULTS, matrixCommand, targetReportFiles, validateMatrixOptions, type MatrixCommandOptions } from './commands/matrix.js';
export { SERVE_DEFAULTS, parseHost, serveCommand, validateServeOptions, type ServeCommandOptions } from './commands/serve.js';
export { renderSuites, suitesCommand } from './commands/suites.js';
export { checkCommand, validateCheck, type CheckCommandOptions } from './commands/check.js';
export { checkSettingsCommand, parseSuppression, validateCheckSettings, type CheckSettingsOptions } from './commands/check-settings.js';
export { parseProcessing, renderSimulation, simulateCommand, validateSimulate, type SimulateCommandOptions } from './commands/simulate.js';
export { DEFAULT_CONCURRENCY, DEFAULT_CONFIRM, LIMITS, parseReplay, resolveSelection, runnerOptions, targetArgs, type Selection, type SharedOptions } from './run-options.js';
export { parseInteger, parseList, parseReportKinds, parseStrictness, quote } from './parse.js';
export { useColor } from './io.js';
export { kitDeps, loadKitRunner, loadKitTargets } from './kit.js';
export { applyRunBaseline, readBaselineFile } from './baseline.js';
export { createProgress, initialProgress, progressLine, reduceProgress, type Progress, type ProgressState } from './progress.js';
