import { MODES } from '../ids';
import { DEFAULT_CRITERIA } from './defaults';
import { modeCriteriaSchema, thresholdsSchema, type Criteria, type ThresholdKey } from './schema';

const MODE_NOTES: Record<(typeof MODES)[number], string> = {
  quick: 'a smoke run and the fast checks; under a minute on 2 cores',
  standard: 'every validator but the smoke run; the quick benchmark subset',
  thorough: 'everything: the full benchmark suites and a real test alert',
};

/**
 * The criteria as a commented YAML file (what `rustybt validate criteria` prints). Every value is a
 * number or a validator id, so plain formatting is valid YAML; a test parses it back.
 */
export function renderCriteriaYaml(criteria: Criteria = DEFAULT_CRITERIA): string {
  const lines = [
    '# rustybt validate criteria (YAML). Every key is optional: what you leave out keeps its default.',
    '# Use it with: rustybt validate --criteria <file>',
    `version: ${criteria.version}`,
    '',
    '# Thresholds shared by every mode; a mode may override any of them under modes.<mode>.thresholds.',
    'thresholds:',
    ...thresholdLines(criteria.thresholds, '  '),
    '',
    '# Which validators each mode runs, and how long one validator may take before it counts as a FAIL.',
    'modes:',
  ];
  for (const mode of MODES) {
    const m = criteria.modes[mode];
    lines.push(`  # ${mode}: ${MODE_NOTES[mode]}`, `  ${mode}:`);
    lines.push(`    # ${describe(modeCriteriaSchema.shape.validators)}`, `    validators: [${m.validators.join(', ')}]`);
    lines.push(`    # ${describe(modeCriteriaSchema.shape.timeoutSeconds)}`, `    timeoutSeconds: ${m.timeoutSeconds}`);
    const own = Object.keys(m.thresholds) as ThresholdKey[];
    if (own.length === 0) lines.push(`    thresholds: {}`);
    else lines.push('    thresholds:', ...thresholdLines(m.thresholds, '      '));
  }
  return `${lines.join('\n')}\n`;
}

function thresholdLines(values: Partial<Criteria['thresholds']>, indent: string): string[] {
  return (Object.keys(thresholdsSchema.shape) as ThresholdKey[])
    .filter((key) => values[key] !== undefined)
    .flatMap((key) => [`${indent}# ${describe(thresholdsSchema.shape[key])}`, `${indent}${key}: ${values[key]}`]);
}

function describe(schema: { description?: string | undefined }): string {
  return schema.description ?? '';
}
