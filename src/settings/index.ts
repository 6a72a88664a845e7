// settings: checks of queue settings before production and model-based simulation of them
// (../shared/DESIGN.md section 7). A rule catalogue with stable ids (settings-rules.md), one small
// pure rule per file under rules/; readers for CloudFormation templates, cdk.out directories and
// live queues (through src/target ports); renderers (text, JSON, SARIF 2.1.0); and `simulate`,
// which drives the reference engine (src/spec/engine) in virtual time to predict duplicates, DLQ
// moves and expiries. May import spec, target, clock. Never aws-cdk-lib (cdk/ has the Aspect).
export * from './types.js';
export * from './model.js';
export { RULES, ruleById, ruleMatches, ruleMeta, knownRuleId } from './rules/index.js';
export { runChecks, hasErrors, type RunChecksOptions } from './check.js';
export { readTemplate, lineOf, type TemplateWhere } from './template.js';
export { readTemplateFile, readCdkOut, readSettingsPath, SettingsInputError } from './files.js';
export { readLiveQueues, LiveReadError, type LiveOptions } from './live.js';
export { renderSettings, renderSettingsText, renderSettingsJson, renderSettingsSarif, SETTINGS_FORMATS, SETTINGS_SCHEMA_VERSION, type SettingsFormat } from './render.js';
export * from './workload.js';
export { simulate, SimulationError, type SimulateOptions } from './simulate.js';
export { QuiescentGate, runWorkloadOnTarget, type TargetWorkloadOptions } from './workload-target.js';
export { compareWithServer, runWorkloadOnServer, type Comparison, type StartServer, type StartedServer } from './verify.js';
