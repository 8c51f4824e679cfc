import { describe, expect, it } from 'vitest';
import { franchiseKey, sameFranchise } from './franchise.ts';

const same = (a: string, b: string) => sameFranchise(franchiseKey(a), franchiseKey(b));

describe('franchise', () => {
  it('keys a title by its first significant words', () => {
    expect(franchiseKey('Toy Story 2')).toEqual(['toy', 'story']);
    expect(franchiseKey('Star Wars: Episode IV - A New Hope')).toEqual(['star', 'war']);
    expect(franchiseKey('The Dark Knight Rises')).toEqual(['dark', 'knight']);
    expect(franchiseKey('Amélie')).toEqual(['amelie']);
  });

  it('joins sequels, numbered parts and plurals, and keeps different films apart', () => {
    expect(same('Toy Story', 'Toy Story 3')).toBe(true);
    expect(same('Alien', 'Aliens')).toBe(true);
    expect(same('Batman', 'Batman Begins')).toBe(true);
    expect(same('Harry Potter and the Chamber of Secrets', 'Harry Potter and the Prisoner of Azkaban')).toBe(true);
    expect(same('Now You See Me', 'Now You See Me 2')).toBe(true);
    expect(same('The Prestige', 'The Illusionist')).toBe(false);
    expect(same('Toy Story', 'Finding Nemo')).toBe(false);
    expect(same('The Dark Knight', 'The Dark Crystal')).toBe(false);
    expect(same('2012', '1917')).toBe(false);
  });
});
