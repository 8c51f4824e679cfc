import type { TitleIdentity } from '../../catalog/matchTitle.ts';
import { useApp, type Mark } from '../store.ts';

const LABELS: Record<Mark, [off: string, on: string]> = { liked: ['Like', 'Liked'], seen: ['Seen it', 'Seen'] };

/** Like and seen toggles for one title, saved to my list. */
export function MarkButtons({ entry }: { entry: TitleIdentity }) {
  const mark = useApp((s) => s.list.get(entry.key));
  const toggleMark = useApp((s) => s.toggleMark);
  return (
    <span className="flex gap-2">
      {(['liked', 'seen'] as const).map((m) => (
        <button
          key={m}
          type="button"
          aria-pressed={Boolean(mark?.[m])}
          aria-label={`${LABELS[m][0]}: ${entry.title}`}
          onClick={() => void toggleMark(entry, m)}
          className={`rounded-full border px-3 py-1 text-sm ${mark?.[m] ? 'border-amber-600 bg-amber-100 text-amber-900 dark:border-amber-500 dark:bg-amber-900/40 dark:text-amber-100' : 'border-neutral-300 dark:border-neutral-600'}`}
        >
          {mark?.[m] ? LABELS[m][1] : LABELS[m][0]}
        </button>
      ))}
    </span>
  );
}
