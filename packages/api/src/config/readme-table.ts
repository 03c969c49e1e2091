import { CONFIG_VARIABLE_NAMES, variableSchema, type ConfigVariable } from './schema.js';

/** The README's Default cell: a fixed default as code, or what leaving the variable unset means, as written. */
export function defaultCell(name: ConfigVariable): string {
  const schema = variableSchema(name);
  return schema.unsetMeans ?? `\`${String(schema.default)}\``;
}

/** The README's configuration table, one row per variable of the schema, in its order. */
export function configurationTable(): string {
  const rows = CONFIG_VARIABLE_NAMES.map(
    (name) => `| \`${name}\` | ${defaultCell(name)} | ${variableSchema(name).description} |`,
  );
  return ['| Variable | Default | Meaning |', '|---|---|---|', ...rows].join('\n');
}
