import { useEffect, useState } from 'react';
import { errorMessage } from '../../engine/errorMessage.ts';
import { routeUrl } from '../routes.ts';
import { encodeSharedList } from '../sharedList.ts';

const BUTTON = 'rounded-full border border-neutral-300 px-3 py-1 text-sm dark:border-neutral-600';

/** A link that carries my likes and seen titles (in its fragment: it never reaches a server). */
export function ShareList({ liked, seen }: { liked: string[]; seen: string[] }) {
  const [name, setName] = useState('');
  const [link, setLink] = useState<string>();
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState(false);
  const listKey = JSON.stringify([liked, seen, name]);
  // A link made before the list changed no longer says what it holds.
  useEffect(() => setLink(undefined), [listKey]);
  if (!liked.length && !seen.length) return null;

  const make = async () => {
    setError(undefined);
    setCopied(false);
    try {
      setLink(`${location.origin}${routeUrl({ page: 'shared', list: await encodeSharedList({ name: name.trim(), liked, seen }) })}`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const copy = async () => {
    await navigator.clipboard?.writeText(link!).then(() => setCopied(true), () => setCopied(false));
  };

  return (
    <section aria-labelledby="share" className="space-y-2">
      <h2 id="share" className="text-xl font-semibold">Share my list</h2>
      <p className="text-sm">
        A link that carries the titles you liked and have seen. Whoever opens it sees them with recommendations, and can blend them with their own list. The list travels inside the link
        (after its #), which browsers never send to a server.
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          Your name, shown with the list (optional){' '}
          <input value={name} maxLength={60} onChange={(e) => setName(e.target.value)} className="rounded border border-neutral-300 bg-transparent px-2 py-1 dark:border-neutral-600" />
        </label>
        <button type="button" className={BUTTON} onClick={() => void make()}>
          Make a link
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {link && (
        <div className="flex flex-wrap items-center gap-2">
          <label className="min-w-0 flex-1 text-sm">
            Link to my list{' '}
            <input readOnly value={link} onFocus={(e) => e.target.select()} className="w-full rounded border border-neutral-300 bg-transparent px-2 py-1 font-mono text-xs dark:border-neutral-600" />
          </label>
          <button type="button" className={BUTTON} onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      )}
    </section>
  );
}
