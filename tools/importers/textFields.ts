import type { TitleRecord } from '../../src/catalog/record.ts';

/**
 * A record's free text: what people read and the model embeds, so where hidden characters
 * and encoding damage matter. Named as the sources name them, for rejection details.
 */
export function textFields(r: TitleRecord): [name: string, value: string][] {
  const fields: [string, string | null][] = [
    ['title', r.title],
    ['original_title', r.originalTitle],
    ['overview', r.overview],
    ['tagline', r.tagline],
    ['certification', r.certification],
    ['network', r.show?.network ?? null],
    ['status', r.show?.status ?? null],
    ...r.credits.flatMap((c): [string, string | null][] => [['credit name', c.name], ['credit job', c.job]]),
  ];
  return fields.filter((f): f is [string, string] => f[1] !== null);
}

/**
 * The record with `f` applied to each of its free-text fields, trimmed again as the
 * importers leave them. A field that ends up empty becomes null (the title ''), and a
 * credit left without a name is dropped, as importers drop nameless credits.
 */
export function mapTextFields(r: TitleRecord, f: (s: string) => string): TitleRecord {
  const text = (s: string) => f(s).trim();
  const orNull = (s: string | null) => (s === null ? null : text(s) || null);
  return {
    ...r,
    title: text(r.title),
    originalTitle: orNull(r.originalTitle),
    overview: orNull(r.overview),
    tagline: orNull(r.tagline),
    certification: orNull(r.certification),
    show: r.show && { ...r.show, network: orNull(r.show.network), status: orNull(r.show.status) },
    credits: r.credits.map((c) => ({ ...c, name: text(c.name), job: orNull(c.job) })).filter((c) => c.name),
  };
}
