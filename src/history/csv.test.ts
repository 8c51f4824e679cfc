import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes and line breaks in cells, a BOM, and CRLF, LF or CR line ends', () => {
    const table = parseCsv('\uFEFFName,Year,Note\r\n"Crouching Tiger, Hidden Dragon",2000,"a ""quote""\r\nover two lines"\n\nAmélie,2001,\rLast,,x');
    expect(table.header).toEqual(['Name', 'Year', 'Note']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['Crouching Tiger, Hidden Dragon', '2000', 'a "quote"\r\nover two lines'] },
      { line: 5, cells: ['Amélie', '2001', ''] },
      { line: 6, cells: ['Last', '', 'x'] },
    ]);
  });

  it('refuses a quote left open, saying on which line it starts', () => {
    expect(() => parseCsv('Name,Year\n"Cut short,2001\nAnother,2002\n')).toThrow(new CsvError('a quoted cell that starts on line 2 is never closed: the file is cut short or is not CSV'));
  });

  it('refuses an empty file', () => {
    expect(() => parseCsv('\uFEFF\r\n')).toThrow('the file is empty');
  });
});
