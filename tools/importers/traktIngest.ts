import { IngestJournal } from '../trakt/journal.ts';
import { traktItem } from './traktJson.ts';
import type { ImportSource } from './types.ts';

/** The titles a Trakt ingest collected (tools/trakt/), through the same mapping as the json source. */
export function traktIngestSource(journalFile: string): ImportSource {
  return {
    describe: `trakt (${journalFile})`,
    async *items() {
      const journal = new IngestJournal(journalFile);
      for (const [i, { type, item, people }] of journal.all().entries()) yield traktItem({ type, [type]: item, people }, `trakt ${type} ${item.ids.trakt} (#${i})`);
    },
  };
}
