import initSqlJs from 'sql.js';
import { countFacets, FACETS_KEY } from '../../src/catalog/facets.ts';
import type { CatalogEntry } from '../../src/catalog/record.ts';
import { titleSearchData } from '../../src/catalog/titleIndex.ts';
import { entryToRow, SCHEMA_SQL, SCHEMA_VERSION, TITLE_COLUMNS } from '../../src/catalog/schema.ts';

/** The catalog as a SQLite file, written by sql.js: the engine that will read it in the browser. */
export async function writeCatalogDb(entries: CatalogEntry[], meta: Record<string, string>): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  try {
    db.run(SCHEMA_SQL);
    db.run('BEGIN');
    const insertTitle = db.prepare(`INSERT INTO titles (${TITLE_COLUMNS}) VALUES (${TITLE_COLUMNS.split(',').map(() => '?').join(', ')})`);
    for (const e of entries) insertTitle.run(entryToRow(e));
    const search = titleSearchData(entries);
    db.run('INSERT INTO title_search (ids, text) VALUES (?, ?)', [new Uint8Array(search.ids.buffer), search.text]);
    insertTitle.free();
    const insertMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    for (const [k, v] of Object.entries({ ...meta, schema_version: String(SCHEMA_VERSION), [FACETS_KEY]: JSON.stringify(countFacets(entries)) })) insertMeta.run([k, v]);
    insertMeta.free();
    db.run('COMMIT');
    db.run('ANALYZE');
    db.run('VACUUM');
    return db.export();
  } finally {
    db.close();
  }
}
