// cli: the `sqs-conformance` command. Thin: parse and validate arguments (pure, args.ts), start the
// target and call the runner (app.ts, with injected I/O), render with src/report, write the report
// files, choose the exit code (0 conformant, 1 divergent, 2 usage/environment error or undecided,
// 130 interrupted). May import runner, report, target and spec/catalog types; main.ts alone touches
// the real process and loads the runner and target modules.
export {
  DEFAULTS,
  LIMITS,
  buildProgram,
  parseCli,
  parseEndpoint,
  parseInteger,
  parseList,
  parseReplay,
  parseReportKinds,
  parseRunArgs,
  parseStrictness,
  resolveSuites,
  shellArg,
  targetArgs,
  validateRunOptions,
  type CliCommand,
  type RawRunOptions,
  type Result,
  type RunCliOptions,
  type SuiteTable,
} from './args.js';
export {
  EXIT,
  exitCodeFor,
  runCli,
  useColor,
  type CliDeps,
  type CliIO,
  type CliRunOptions,
  type EndpointTargetResult,
  type RunnerApi,
  type ServerApi,
  type TargetApi,
} from './app.js';
export { SERVE_DEFAULTS, parseHost, validateServeOptions, type RawServeOptions, type ServeCliOptions } from './args.js';
export { MATRIX_DEFAULTS, validateMatrixOptions, type MatrixCliOptions, type RawMatrixOptions } from './args.js';
export { DEFAULT_BASELINES_DIR, defaultParallel, runMatrixCommand, scoreboardLines, targetReportFiles } from './matrix.js';
export { applyRunBaseline, readBaselineFile } from './baseline.js';
export { createProgress, initialProgress, progressLine, reduceProgress, type Progress, type ProgressState, type ProgressStream } from './progress.js';
