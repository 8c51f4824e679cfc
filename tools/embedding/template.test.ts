import { describe, expect, it } from 'vitest';
import { embeddingText } from './template.ts';

describe('embeddingText', () => {
  const full = { title: 'Heat', overview: 'A thief and a detective.', tagline: 'A Los Angeles crime saga', genres: ['crime', 'science-fiction'] };

  it('follows the template `Title: overview - tagline Genres: a, b`', () => {
    expect(embeddingText(full)).toBe('Heat: A thief and a detective. - A Los Angeles crime saga Genres: Crime, Science Fiction');
  });

  it('drops empty parts with their separators', () => {
    expect(embeddingText({ ...full, tagline: null })).toBe('Heat: A thief and a detective. Genres: Crime, Science Fiction');
    expect(embeddingText({ ...full, overview: '  ' })).toBe('Heat: A Los Angeles crime saga Genres: Crime, Science Fiction');
    expect(embeddingText({ ...full, overview: null, tagline: null })).toBe('Heat Genres: Crime, Science Fiction');
    expect(embeddingText({ ...full, genres: [] })).toBe('Heat: A thief and a detective. - A Los Angeles crime saga');
    expect(embeddingText({ title: 'Heat', overview: null, tagline: null, genres: [] })).toBe('Heat');
  });

  it('collapses newlines and runs of spaces', () => {
    expect(embeddingText({ ...full, overview: 'Line one.\n\nLine   two. ', tagline: null, genres: [] })).toBe('Heat: Line one. Line two.');
  });
});
