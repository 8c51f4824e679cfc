import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readList, saveMark } from './myList.ts';

describe('my list', () => {
  it('keeps marks across reads, newest first, and forgets a title with no mark left', async () => {
    await saveMark({ id: 1, title: 'Heat', year: 1995, liked: true, seen: false, at: 1 });
    await saveMark({ id: 2, title: 'Up', year: 2009, liked: false, seen: true, at: 2 });
    expect((await readList()).map((m) => m.id)).toEqual([2, 1]);
    await saveMark({ id: 1, title: 'Heat', year: 1995, liked: true, seen: true, at: 3 });
    expect(await readList()).toEqual([
      { id: 1, title: 'Heat', year: 1995, liked: true, seen: true, at: 3 },
      { id: 2, title: 'Up', year: 2009, liked: false, seen: true, at: 2 },
    ]);
    await saveMark({ id: 2, title: 'Up', year: 2009, liked: false, seen: false, at: 4 });
    expect((await readList()).map((m) => m.id)).toEqual([1]);
  });
});
