import { describe, expect, it } from 'vitest';
import { parsePythonLiteral } from './pythonLiteral.ts';

describe('parsePythonLiteral', () => {
  it('reads the TMDB export list shapes', () => {
    expect(parsePythonLiteral("[{'id': 28, 'name': 'Action'}, {'id': 878, 'name': 'Science Fiction'}]")).toEqual([
      { id: 28, name: 'Action' },
      { id: 878, name: 'Science Fiction' },
    ]);
    expect(parsePythonLiteral('[]')).toEqual([]);
  });

  it('handles apostrophes in double-quoted names, escapes and Python constants', () => {
    expect(parsePythonLiteral(`[{'name': "Children's Film Foundation", 'logo_path': None, 'x': True, 'y': -1.5e3}]`)).toEqual([
      { name: "Children's Film Foundation", logo_path: null, x: true, y: -1500 },
    ]);
    expect(parsePythonLiteral(String.raw`['It\'s', 'tab\there', '\xe9t\u00e9']`)).toEqual(["It's", 'tab\there', 'été']);
  });

  it('refuses broken input with a position', () => {
    expect(() => parsePythonLiteral("[{'id': 28, 'name': 'Action'")).toThrow(/offset/);
    expect(() => parsePythonLiteral("[{'id': 28}] extra")).toThrow(/trailing/);
    expect(() => parsePythonLiteral('__import__("os")')).toThrow(SyntaxError);
  });
});
