import { Link } from '../components/Link.tsx';
import { SearchBox } from '../components/SearchBox.tsx';

export function HomePage() {
  return (
    <div className="mx-auto max-w-2xl space-y-6 pt-8">
      <h1 className="text-3xl font-bold tracking-tight">Find movies like one you liked</h1>
      <p className="text-neutral-700 dark:text-neutral-300">Type a title, pick it, and get the titles closest to it in what they are about, with the reason for each.</p>
      <SearchBox autoFocus />
      <p>
        Or{' '}
        <Link to={{ page: 'discover', text: '', filters: {} }} className="text-amber-800 underline dark:text-amber-300">
          describe what you want to watch
        </Link>{' '}
        in your own words.
      </p>
    </div>
  );
}
