import { describe, expect, it } from 'vitest';
import { parseArgs, parseIntFlag, UsageError } from './args.ts';

const SPEC = { out: { type: 'string', description: '' }, json: { type: 'boolean', description: '' } } as const;

describe('parseArgs', () => {
  it('reads flags with separate or inline values, booleans and positionals', () => {
    expect(parseArgs(['a', '--out', 'dir', '--json', 'b'], SPEC)).toEqual({ flags: { out: 'dir', json: true }, positionals: ['a', 'b'] });
    expect(parseArgs(['--out=x'], SPEC).flags.out).toBe('x');
  });

  it('names an unknown flag and lists the known ones', () => {
    expect(() => parseArgs(['--outt', 'x'], SPEC)).toThrow(/unknown flag --outt \(known flags: --out, --json\)/);
  });

  it('refuses a string flag without its value', () => {
    expect(() => parseArgs(['--out'], SPEC)).toThrow(UsageError);
    expect(() => parseArgs(['--out', '--json'], SPEC)).toThrow(/--out needs a value/);
  });

  it('checks integer flags and names them', () => {
    expect(parseIntFlag('k', '20', 1)).toBe(20);
    expect(parseIntFlag('k', undefined, 1)).toBeUndefined();
    expect(() => parseIntFlag('k', '0', 1)).toThrow(/--k must be an integer from 1/);
    expect(() => parseIntFlag('k', 'ten', 1)).toThrow(/--k/);
  });
});
