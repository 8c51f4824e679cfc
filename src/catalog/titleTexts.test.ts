import { describe, expect, it } from 'vitest';
import { seededRandom } from '../vectors/seededRandom.ts';
import { encodeTitleTexts, readTitleTexts, type TitleText } from './titleTexts.ts';

const PIECES = ['the ', 'a ', 'heist', ' ', ', ', '. ', 'Amélie', 'Poulain ', 'पहला ', 'कदम', '東京', 'שלום ', '🎬', '"', '—', '\n', '12 ', 'e\u0301', 'rare-word-', '\0', '  '];

function randomTexts(n: number, seed: number): TitleText[] {
  const random = seededRandom(seed);
  const text = () => {
    if (random() < 0.15) return null;
    const words = Array.from({ length: 1 + Math.floor(random() * 40) }, () => PIECES[Math.floor(random() * PIECES.length)]!);
    // Some words once only: they are written as literals.
    if (random() < 0.3) words.push(`unique${random().toString(36).slice(2)}`);
    return words.join('');
  };
  return Array.from({ length: n }, () => ({ overview: text(), tagline: text() }));
}

describe('title texts (overviews and taglines, word-coded)', () => {
  it('reads back every title exactly, in any script, nulls included', () => {
    const texts = randomTexts(500, 7);
    const read = readTitleTexts(encodeTitleTexts(texts), texts.length);
    texts.forEach((t, id) => expect(read.of(id), `title ${id}`).toEqual(t));
  });

  it('walks a title\'s tokens, listed and literal, in the order of its text', () => {
    const texts = randomTexts(500, 10);
    const read = readTitleTexts(encodeTitleTexts(texts), texts.length);
    texts.forEach((t, id) => {
      let walked = '';
      read.forEachToken(
        id,
        (token) => (walked += read.tokens[token]),
        (literal) => (walked += literal),
      );
      expect(walked, `title ${id}`).toBe(`${t.overview ?? ''}${t.tagline ?? ''}`);
    });
  });

  it('takes less room than the text, and repeats the same file for the same texts', () => {
    const texts = randomTexts(2000, 8);
    const file = encodeTitleTexts(texts);
    const raw = texts.reduce((n, t) => n + new TextEncoder().encode(`${t.overview ?? ''}${t.tagline ?? ''}`).length, 0);
    expect(file.length).toBeLessThan(raw / 2);
    expect(encodeTitleTexts(texts)).toEqual(file);
  });

  it('refuses a file that is not one, is cut off, or is for another catalog', () => {
    const texts = randomTexts(50, 9);
    const file = encodeTitleTexts(texts);
    expect(() => readTitleTexts(new TextEncoder().encode('<!doctype html>'), 50)).toThrow(/not a Marquee texts file/);
    expect(() => readTitleTexts(file.subarray(0, file.length - 3), 50)).toThrow(/cut off/);
    expect(() => readTitleTexts(file, 51)).toThrow(/holds 50 titles, the catalog 51/);
  });

  it('says a title is damaged rather than read past it', () => {
    const file = encodeTitleTexts([{ overview: 'one two one two', tagline: null }, { overview: 'three', tagline: 'four' }]);
    const codesStart = file.length - 4; // the last title's 4 code bytes: literal...
    const damaged = file.slice();
    damaged.fill(0xff, codesStart);
    const read = readTitleTexts(damaged, 2);
    expect(read.of(0)).toEqual({ overview: 'one two one two', tagline: null });
    expect(() => read.of(1)).toThrow(/damaged at title 1/);
    expect(() => read.of(2)).toThrow(/no title 2/);
    // Scoring walks up to the damage and goes on: the title's text is reported when shown.
    const walked: string[] = [];
    read.forEachToken(1, (token) => walked.push(read.tokens[token]!), (literal) => walked.push(literal));
    expect(walked).toEqual(['three']);
  });
});
