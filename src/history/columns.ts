import type { CsvTable } from './csv.ts';
import { HistoryFormatError } from './historyItem.ts';

/** Reads cells by column name; refuses a table that lacks a required column, naming it. */
export function columnReader(table: CsvTable, file: string, required: readonly string[]): (cells: string[], column: string) => string | undefined {
  const at = new Map(table.header.map((h, i) => [h.toLowerCase(), i]));
  const missing = required.filter((c) => !at.has(c.toLowerCase()));
  if (missing.length) throw new HistoryFormatError(`${file} has no ${missing.map((c) => `"${c}"`).join(', ')} column: it is not the export it looks like`);
  return (cells, column) => {
    const i = at.get(column.toLowerCase());
    return i === undefined ? undefined : cells[i];
  };
}
