/** Trakt's genre slugs, and the names people read. */
const NAMES: Record<string, string> = {
  'science-fiction': 'Science Fiction',
  'sporting-event': 'Sporting Event',
  'tv-movie': 'TV Movie',
};

export function genreSlug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function genreName(slug: string): string {
  return NAMES[slug] ?? slug.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}
