import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { preparedRows } from './preparedRows.ts';

describe('preparedRows', async () => {
  const SQL = await initSqlJs();

  it('answers each call with its own parameters through one kept statement, also after a call that failed', () => {
    const db = new SQL.Database();
    db.run('CREATE TABLE t (id INTEGER, name TEXT); INSERT INTO t VALUES (1, "a"), (2, "b"), (3, "c")');
    const byId = 'SELECT name FROM t WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id';
    expect(preparedRows(db, byId, ['[1,3]'])).toEqual([['a'], ['c']]);
    expect(preparedRows(db, byId, ['[2]'])).toEqual([['b']]);
    expect(() => preparedRows(db, byId, ['not json'])).toThrow();
    expect(preparedRows(db, byId, ['[3]'])).toEqual([['c']]);
    expect(preparedRows(db, 'SELECT count(*) FROM t')).toEqual([[3]]);
    db.close();
  });

  it('keeps answering past the number of statements it keeps', () => {
    const db = new SQL.Database();
    db.run('CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (1), (2), (3)');
    for (let round = 0; round < 2; round++) {
      for (let limit = 0; limit < 100; limit++) expect(preparedRows(db, `SELECT id FROM t WHERE id > -${limit} ORDER BY id LIMIT ${limit % 4}`)).toHaveLength(Math.min(3, limit % 4));
    }
    db.close();
  });
});
