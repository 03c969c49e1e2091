import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { variableSchema, type ConfigValues, type ConfigVariable, type VariableSchema } from './schema.js';

/**
 * Reads `XZ_*` variables through the schema. Variables are read when loadConfig asks for them, not all
 * up front, so problems are listed in the order loadConfig meets them and a variable that does not apply
 * (an S3 setting without a bucket) is not judged.
 */
export interface ConfigReader {
  /**
   * The variable's text, trimmed, converted to its type and checked, or its default when unset (undefined
   * when it has none). A wrong value is added to the problems and read as the default when there is one,
   * else as given, so it is reported once as wrong and not again as missing.
   */
  get<K extends ConfigVariable>(name: K): ConfigValues[K];
  /** As above, with `computed` standing in for the variable when it is unset, and checked like a given value. */
  get<K extends ConfigVariable>(name: K, computed: string): NonNullable<ConfigValues[K]>;
  /** Whether the variable is set (blank counts as unset), without judging its value. */
  isSet(name: ConfigVariable): boolean;
}

export function configReader(env: NodeJS.ProcessEnv, problems: string[]): ConfigReader {
  const textOf = (name: ConfigVariable): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  function get<K extends ConfigVariable>(name: K): ConfigValues[K];
  function get<K extends ConfigVariable>(name: K, computed: string): NonNullable<ConfigValues[K]>;
  function get(name: ConfigVariable, computed?: string): unknown {
    const schema = variableSchema(name);
    const given = textOf(name) ?? computed;
    if (given === undefined) return schema.default;
    const text = schema.stripTrailingSlashes === true ? given.replace(/\/+$/, '') : given;
    const value = convert(schema, text);
    if (Value.Check(schema, value)) return value;
    problems.push(`${name} ${whatIsWrong(schema, text, value)}`);
    return schema.default ?? value;
  }
  return { get, isSet: (name) => textOf(name) !== undefined };
}

/** Environment text to the variable's type; text that does not convert stays text, which the check then refuses. */
function convert(schema: VariableSchema, text: string): unknown {
  if (Type.IsInteger(schema)) return /^\d+$/.test(text) ? Number(text) : text;
  if (Type.IsBoolean(schema)) {
    if (/^(true|1|yes)$/i.test(text)) return true;
    if (/^(false|0|no)$/i.test(text)) return false;
  }
  return text;
}

/** Free text is never repeated back: it may be a secret, or a URL holding a password. */
function whatIsWrong(schema: VariableSchema, text: string, value: unknown): string {
  if (Type.IsInteger(schema))
    return `must be a whole number from ${schema.minimum} to ${schema.maximum}, got "${text}"`;
  if (Type.IsBoolean(schema)) return `must be true or false, got "${text}"`;
  if (Type.IsEnum(schema)) {
    const allowed = schema.enum.map(String);
    return allowed.length === 2
      ? `must be "${allowed[0]}" or "${allowed[1]}", got "${text}"`
      : `must be one of ${allowed.join(', ')}, got "${text}"`;
  }
  if (schema.errorMessage !== undefined) return schema.errorMessage;
  if (Type.IsString(schema) && schema.minLength !== undefined) return `must be at least ${schema.minLength} characters`;
  return Value.Errors(schema, value)[0]?.message ?? 'is not valid';
}
