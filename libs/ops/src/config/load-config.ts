import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import type { z } from 'zod';
import { InputError } from '../errors';
import { resolveHome, type HomeLayout } from '../home';
import { didYouMean, keysAt } from './did-you-mean';
import { envLayer } from './env-layer';
import { mergeLayers } from './merge';
import { readYamlFile, describeIssue } from './yaml-file';

export interface LoadConfigOptions {
  /** Explicit config file (--config); must exist. Default: <home>/config/config.yaml if present. */
  configFile?: string;
  /** Values from command-line flags, already named as config keys. Highest precedence. */
  flags?: Record<string, unknown>;
  /** Process environment; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Directory whose .env is read (default: the current directory). */
  cwd?: string;
  /**
   * Top-level config keys a `.env` file may not set (risk limits): a `.env` found lying in a working
   * directory must never loosen what protects money. Such a variable in a `.env` is an InputError.
   */
  notFromDotenv?: readonly string[];
}

export interface LoadedConfig<T> {
  config: T;
  layout: HomeLayout;
  /** Environment as the program should see it: process env over ./.env over <home>/config/.env. */
  env: Record<string, string | undefined>;
  /** The config file that was read, if any. */
  configFile?: string;
  /**
   * Where each set key came from: 'flag', 'env:<NAME>', 'dotenv:<path>' (a variable read from a
   * .env file), 'file:<path>:<line>'. Defaults are absent.
   */
  sources: Record<string, string>;
}

/**
 * The single place configuration is resolved, for any config schema (the runner owns the schema of
 * config.yaml). Precedence: flags > environment (process, then .env files) > config.yaml > defaults.
 * Each layer is validated on its own so an error says exactly where the bad value is.
 */
export function loadConfig<S extends z.ZodType>(schema: S, options: LoadConfigOptions = {}): LoadedConfig<z.infer<S>> {
  const processEnv = options.env ?? process.env;
  const layout = resolveHome(processEnv);
  const dotenvFiles = [join(layout.config, '.env'), join(options.cwd ?? process.cwd(), '.env')];
  const dotenv = dotenvFiles.map((path) => ({ path, vars: readDotenv(path) }));
  const env: Record<string, string | undefined> = Object.assign({}, ...dotenv.map((d) => d.vars), processEnv);
  const fileLayout = resolveHome(env);
  const defaultFile = join(fileLayout.config, 'config.yaml');
  const file = readYamlFile(options.configFile ?? defaultFile, options.configFile !== undefined);

  const sources: Record<string, string> = {};
  const fileCheck = schema.safeParse(file.data);
  if (!fileCheck.success) {
    const issue = fileCheck.error.issues[0]!;
    // An unknown key is reported on its parent; point at the key itself.
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    const line = file.lineOf(path) ?? 1;
    const what = issue.code === 'unrecognized_keys' ? unknownKey(schema, issue.path, issue.keys[0]!) : describeIssue(issue);
    throw new InputError(`${file.path}:${line}: ${what}. See 'rustybt config schema' for the allowed keys and values`);
  }
  for (const key of flattenKeys(file.data)) sources[key] = `file:${file.path}:${file.lineOf(key.split('.')) ?? 1}`;

  const fromEnv = envLayer(schema, env);
  checkLayer(
    schema,
    fromEnv.values,
    (issue) => `environment variable ${fromEnv.names[issue.path.join('.')] ?? issue.path.join('.')}: ${issue.message}. Fix or unset it`,
  );
  for (const [key, name] of Object.entries(fromEnv.names)) {
    const origin = processEnv[name] !== undefined ? undefined : [...dotenv].reverse().find((d) => d.vars[name] !== undefined);
    if (origin && options.notFromDotenv?.includes(key.split('.')[0]!)) {
      throw new InputError(
        `${origin.path} sets ${name}, but ${key.split('.')[0]} may come only from config.yaml or flags. Move it to config.yaml or pass it as a flag`,
      );
    }
    sources[key] = origin ? `dotenv:${origin.path}` : `env:${name}`;
  }

  const flags = options.flags ?? {};
  checkLayer(schema, flags, (issue) => `option for ${issue.path.join('.')}: ${issue.message}. See --help`);
  for (const key of flattenKeys(flags)) sources[key] = 'flag';

  const config = schema.parse(mergeLayers(file.data, fromEnv.values, flags));
  return {
    config,
    layout: fileLayout,
    env,
    sources,
    ...(existsSync(file.path) ? { configFile: file.path } : {}),
  };
}

/** `unknown key risk.maxLeverge (did you mean maxLeverage?)`: strict, and helpful about it. */
function unknownKey(schema: z.ZodType, parent: readonly PropertyKey[], key: string): string {
  const guess = didYouMean(key, keysAt(schema, parent));
  return `unknown key ${[...parent, key].join('.')}${guess ? ` (did you mean ${guess}?)` : ''}`;
}

function checkLayer(schema: z.ZodType, layer: Record<string, unknown>, describe: (issue: z.core.$ZodIssue) => string) {
  const result = schema.safeParse(layer);
  if (!result.success) throw new InputError(describe(result.error.issues[0]!));
}

function readDotenv(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  try {
    return parseDotenv(readFileSync(path));
  } catch (err) {
    throw new InputError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'}). Check its permissions`);
  }
}

function flattenKeys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? flattenKeys(value as Record<string, unknown>, `${prefix}${key}.`)
      : value === undefined
        ? []
        : [`${prefix}${key}`],
  );
}
