/**
 * A strict flag parser: every flag must be declared, so a typo names itself instead of
 * being silently ignored.
 */
export interface FlagSpec {
  /** `string` takes a value, `boolean` does not. */
  type: 'string' | 'boolean';
  description: string;
}

export type ParsedArgs<S extends Record<string, FlagSpec>> = {
  flags: { [K in keyof S]?: S[K]['type'] extends 'boolean' ? boolean : string };
  positionals: string[];
};

export class UsageError extends Error {}

export function parseArgs<S extends Record<string, FlagSpec>>(argv: string[], spec: S): ParsedArgs<S> {
  const flags: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inlineValue] = splitOnce(arg.slice(2), '=');
    const flag = spec[name];
    if (!flag) {
      const known = Object.keys(spec).map((k) => `--${k}`).join(', ');
      throw new UsageError(`unknown flag --${name} (known flags: ${known})`);
    }
    if (flag.type === 'boolean') {
      if (inlineValue !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const value = inlineValue ?? argv[++i];
    if (value === undefined || (inlineValue === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value`);
    }
    flags[name] = value;
  }
  return { flags: flags as ParsedArgs<S>['flags'], positionals };
}

export function parseIntFlag(name: string, value: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

export function usage(command: string, spec: Record<string, FlagSpec>): string {
  const lines = Object.entries(spec).map(([name, f]) => `  --${name}${f.type === 'string' ? ' VALUE' : ''}`.padEnd(28) + f.description);
  return `${command}\n${lines.join('\n')}`;
}

/** Runs a CLI entry point: usage errors print the message and exit 2, other errors exit 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`error: ${err.message}`);
      process.exit(2);
    }
    console.error(err instanceof Error ? `error: ${err.message}` : err);
    if (process.env.DEBUG && err instanceof Error) console.error(err.stack);
    process.exit(1);
  });
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
