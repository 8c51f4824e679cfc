import type { Database } from 'sql.js';
import { wordsOfCodedTexts } from '../ranking/explain.ts';
import type { CatalogAccess } from '../ranking/similar.ts';
import { readFilterColumns, type FilterColumns } from './filterColumns.ts';
import { preparedRows } from './preparedRows.ts';
import type { CatalogEntry } from './record.ts';
import { rowToEntry, TITLE_COLUMNS } from './schema.ts';
import { textSearch, type TextSearch } from './textSearch.ts';
import type { TitleTexts } from './titleTexts.ts';
import { readVotes, type Votes } from './votes.ts';

/** The catalog database (sql.js, in the worker or in Node) and the titles' texts, as the ranking module sees them. */
export function sqlCatalog(db: Database, texts: TitleTexts): CatalogAccess & { entry(id: number): CatalogEntry | undefined; prepareDescriptions(): void; prepareFilters(): void } {
  // What only descriptions need: built when the engine is idle after loading, or by the first description (about 1 s at 60k titles).
  let words: TextSearch | undefined;
  let votes: Votes | undefined;
  // What filters test, read on first use or when the engine is idle (about 0.2 s at 60k titles).
  let columns: FilterColumns | undefined;
  const filterColumns = () => (columns ??= readFilterColumns(db));
  return {
    prepareFilters: () => void filterColumns(),
    prepareDescriptions() {
      words ??= textSearch(texts);
      votes ??= readVotes(db);
    },
    entry: (id) => selectEntries(db, texts, [id])[0],
    entries: (ids) => selectEntries(db, texts, ids),
    wordRank: (word) => texts.wordRank(word),
    titleWords: wordsOfCodedTexts(texts),
    searchText: (text, n) => (words ??= textSearch(texts)).search(text, n),
    votes: (id) => (votes ??= readVotes(db)).of(id),
    mostVoted: (n) => (votes ??= readVotes(db)).mostVoted(n),
    filteredIds: (filters, limit) => filterColumns().ids(filters, limit),
    admits: (filters) => filterColumns().test(filters),
  };
}

function selectEntries(db: Database, texts: TitleTexts, ids: number[]): CatalogEntry[] {
  if (ids.length === 0) return [];
  // One JSON array, not a variable per id: SQLite refuses more than 32,766 variables.
  const rows = preparedRows(db, `SELECT ${TITLE_COLUMNS} FROM titles WHERE id IN (SELECT value FROM json_each(?))`, [JSON.stringify(ids)]);
  const byId = new Map(rows.map((row) => [row[0] as number, rowToEntry(row, texts)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
