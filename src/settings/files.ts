// Reading settings from files: a CloudFormation template (JSON) or a cdk.out cloud assembly (its
// manifest.json lists the stack templates; nested assemblies of CDK stages are followed). Errors
// are one line (SettingsInputError) for the CLI to print with exit code 2.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { emptyModel } from './model.js';
import { readTemplate } from './template.js';
import type { SettingsModel } from './types.js';

export class SettingsInputError extends Error {
  override name = 'SettingsInputError';
}

function readJson(file: string, what: string): { json: unknown; text: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SettingsInputError(`cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return { json: JSON.parse(text) as unknown, text };
  } catch (e) {
    const yaml = /^\s*(AWSTemplateFormatVersion|Resources|Transform|Description)\s*:/m.test(text);
    if (yaml) throw new SettingsInputError(`${file} looks like a YAML template; only JSON templates are read (cdk synth writes JSON to cdk.out; convert YAML with e.g. cfn-flip)`);
    throw new SettingsInputError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** One template file. */
export function readTemplateFile(file: string, cwd = process.cwd()): SettingsModel {
  const abs = resolve(cwd, file);
  const { json, text } = readJson(abs, 'template');
  const shown = relative(cwd, abs) || abs;
  const model = emptyModel({ kind: 'template', path: shown });
  readTemplate(json, { file: shown, text }, model);
  if (model.notes.some((n) => n.includes('not a CloudFormation template'))) throw new SettingsInputError(`${shown} has no Resources section: not a CloudFormation template`);
  return model;
}

interface Manifest {
  artifacts?: Record<string, { type?: string; properties?: { templateFile?: string; directoryName?: string }; displayName?: string }>;
}

/** Every stack template of a cdk.out directory (stages' nested assemblies included). */
export function readCdkOut(dir: string, cwd = process.cwd()): SettingsModel {
  const root = resolve(cwd, dir);
  const model = emptyModel({ kind: 'cdk-out', path: relative(cwd, root) || root });
  const visit = (assembly: string, depth: number) => {
    const manifestFile = join(assembly, 'manifest.json');
    if (!existsSync(manifestFile)) throw new SettingsInputError(`${relative(cwd, assembly) || assembly} has no manifest.json: not a cdk.out directory (run cdk synth first)`);
    const { json } = readJson(manifestFile, 'cloud assembly manifest');
    const artifacts = (json as Manifest).artifacts ?? {};
    for (const [id, a] of Object.entries(artifacts)) {
      if (a.type === 'aws:cloudformation:stack' && a.properties?.templateFile) {
        const file = join(assembly, a.properties.templateFile);
        const { json: template, text } = readJson(file, 'stack template');
        readTemplate(template, { file: relative(cwd, file) || file, stack: a.displayName ?? id, text }, model);
      } else if (a.type === 'cdk:cloud-assembly' && a.properties?.directoryName && depth < 8) {
        visit(join(assembly, a.properties.directoryName), depth + 1);
      }
    }
  };
  visit(root, 0);
  return model;
}

/** A cdk.out directory or a template file, told apart by what is on disk. */
export function readSettingsPath(path: string, cwd = process.cwd()): SettingsModel {
  const abs = resolve(cwd, path);
  let isDir: boolean;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    throw new SettingsInputError(`${path}: no such file or directory`);
  }
  return isDir ? readCdkOut(path, cwd) : readTemplateFile(path, cwd);
}
