export type TitleType = 'movie' | 'show';

export type Route =
  | { kind: 'search'; type: TitleType }
  | { kind: 'list'; type: TitleType; list: 'popular' | 'trending' }
  | { kind: 'updates'; type: TitleType; since: string }
  | { kind: 'single'; type: TitleType; id: number }
  | { kind: 'people'; type: TitleType; id: number };

/** The endpoints the fake serves: search, popular/trending lists, the updates feed, single titles and their people. */
export function routeOf(pathname: string): Route | null {
  let m = /^\/search\/(movie|show)$/.exec(pathname);
  if (m) return { kind: 'search', type: m[1] as TitleType };
  m = /^\/(movie|show)s\/(popular|trending)$/.exec(pathname);
  if (m) return { kind: 'list', type: m[1] as TitleType, list: m[2] as 'popular' | 'trending' };
  m = /^\/(movie|show)s\/updates\/(\d{4}-\d{2}-\d{2})$/.exec(pathname);
  if (m) return { kind: 'updates', type: m[1] as TitleType, since: m[2]! };
  m = /^\/(movie|show)s\/(\d+)\/people$/.exec(pathname);
  if (m) return { kind: 'people', type: m[1] as TitleType, id: Number(m[2]) };
  m = /^\/(movie|show)s\/(\d+)$/.exec(pathname);
  if (m) return { kind: 'single', type: m[1] as TitleType, id: Number(m[2]) };
  return null;
}
