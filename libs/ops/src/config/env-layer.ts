import { z } from 'zod';

type JsonSchemaNode = { type?: string | string[]; properties?: Record<string, JsonSchemaNode> };

const camelToSnake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/**
 * Maps RUSTYBT_* environment variables onto config keys: `logLevel` <- RUSTYBT_LOG_LEVEL,
 * nested `risk.maxLeverage` <- RUSTYBT_RISK__MAX_LEVERAGE. Only keys the schema knows are read,
 * so unrelated RUSTYBT_* variables (RUSTYBT_HOME) are left alone. Values are coerced by the
 * JSON-schema type of the key, because the environment only holds strings.
 */
export function envLayer(schema: z.ZodType, env: Record<string, string | undefined>) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  walk(json, [], (path, node) => {
    const name = `RUSTYBT_${path.map(camelToSnake).join('__')}`;
    const raw = env[name];
    if (raw === undefined || raw === '') return;
    setIn(values, path, coerce(raw, node));
    names[path.join('.')] = name;
  });
  return { values, names };
}

function walk(node: JsonSchemaNode, path: string[], visit: (path: string[], node: JsonSchemaNode) => void) {
  if (node.properties) {
    for (const [key, child] of Object.entries(node.properties)) walk(child, [...path, key], visit);
  } else if (path.length > 0) {
    visit(path, node);
  }
}

function coerce(raw: string, node: JsonSchemaNode): unknown {
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (types.includes('number') || types.includes('integer')) {
    const n = Number(raw);
    return Number.isNaN(n) ? raw : n;
  }
  if (types.includes('boolean')) {
    if (/^(true|1|yes)$/i.test(raw)) return true;
    if (/^(false|0|no)$/i.test(raw)) return false;
  }
  return raw;
}

export function setIn(target: Record<string, unknown>, path: ReadonlyArray<string>, value: unknown) {
  let cursor = target;
  for (const key of path.slice(0, -1)) {
    const next = cursor[key];
    if (typeof next !== 'object' || next === null) cursor[key] = {};
    cursor = cursor[key] as Record<string, unknown>;
  }
  cursor[path[path.length - 1]!] = value;
}
