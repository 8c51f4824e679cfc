/** A CSV file as rows of cells, and the line each row starts on (for messages). */
export interface CsvTable {
  header: string[];
  rows: { line: number; cells: string[] }[];
}

export class CsvError extends Error {}

/**
 * RFC 4180 CSV as spreadsheets and these services write it: a byte-order mark, CRLF, LF or
 * CR line ends, quoted cells with commas, doubled quotes and line breaks inside. Blank
 * lines are skipped. A quote left open to the end of the file is an error (a truncated
 * file), not a cell that swallows the rest.
 */
export function parseCsv(text: string): CsvTable {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') (cell += '"'), i++;
        else quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') (cells.push(cell), (cell = ''));
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      rowLine = ++line;
    } else cell += c;
  }
  if (quoted) throw new CsvError(`a quoted cell that starts on line ${rowLine} is never closed: the file is cut short or is not CSV`);
  if (cell !== '' || cells.length > 0) endRow();
  const [first, ...rest] = rows;
  if (!first) throw new CsvError('the file is empty');
  return { header: first.cells.map((h) => h.trim()), rows: rest };
}
