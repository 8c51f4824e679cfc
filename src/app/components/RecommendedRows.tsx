import type { RecommendedGroup } from '../../engine/engine.ts';
import { ResultList } from './ResultList.tsx';

/** Recommendations from a list of likes: one list, or a row per group of likes close in meaning (a big history). */
export function RecommendedRows({ groups, answer, stale }: { groups: RecommendedGroup[]; answer: string; stale: boolean }) {
  if (groups.length === 1) return <ResultList results={groups[0]!.results} label="Recommended titles" answer={answer} stale={stale} />;
  return groups.map((group, i) => (
    <section key={group.because[0]?.key ?? i} aria-labelledby={`taste-${i}`} className="space-y-1">
      <h3 id={`taste-${i}`} className="text-lg font-medium">
        {becauseText(group)}
      </h3>
      <ResultList results={group.results} label={becauseText(group)} answer={answer} stale={stale} />
    </section>
  ));
}

/** "Because you liked Heat, Ronin and 40 more": a row named after its most typical likes. */
function becauseText({ because, likes }: RecommendedGroup): string {
  const names = because.map((t) => t.title);
  const more = likes - names.length;
  return `Because you liked ${more > 0 ? `${names.join(', ')} and ${more} more` : names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]}`;
}
