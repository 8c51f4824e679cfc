import { useState } from 'react';
import { SearchBox } from '../components/SearchBox.tsx';
import { useApp } from '../store.ts';

type Mode = 'title' | 'describe';

/** One box, two ways in: a title you liked, or what you want in your own words. */
export function HomePage() {
  const navigate = useApp((s) => s.navigate);
  const [mode, setMode] = useState<Mode>('title');
  const [text, setText] = useState('');
  const tab = (m: Mode, label: string) => (
    <button
      type="button"
      aria-pressed={mode === m}
      onClick={() => setMode(m)}
      className={`rounded-full px-4 py-1.5 text-sm font-medium ${mode === m ? 'bg-amber-700 text-white' : 'border border-neutral-300 dark:border-neutral-600'}`}
    >
      {label}
    </button>
  );
  return (
    <div className="mx-auto max-w-2xl space-y-6 pt-8">
      <h1 className="text-3xl font-bold tracking-tight">Find movies like one you liked</h1>
      <p className="text-neutral-700 dark:text-neutral-300">Type a title, pick it, and get the titles closest to it in what they are about, with the reason for each.</p>
      <div className="flex gap-2" role="group" aria-label="Search by">
        {tab('title', 'A title I liked')}
        {tab('describe', 'Describe what I want to watch')}
      </div>
      {mode === 'title' ? (
        <SearchBox autoFocus />
      ) : (
        <form
          className="flex flex-col gap-2 sm:flex-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) navigate({ page: 'discover', text: text.trim(), filters: {} });
          }}
        >
          <label htmlFor="home-describe" className="sr-only">
            Describe a movie in your own words
          </label>
          <input
            id="home-describe"
            autoFocus
            className="min-w-0 flex-1 rounded-lg border border-neutral-300 bg-white px-4 py-3 text-lg dark:border-neutral-700 dark:bg-neutral-900"
            placeholder="a heist by stage magicians"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="rounded-lg bg-amber-700 px-5 py-3 font-medium text-white">
            Find titles
          </button>
        </form>
      )}
    </div>
  );
}
