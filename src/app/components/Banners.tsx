import { useApp } from '../store.ts';
import { Notice } from './Notice.tsx';
import { failureText } from './stageText.ts';

const button = 'mt-2 rounded bg-amber-700 px-3 py-1 font-medium text-white';

/** Updates waiting to be used, and anything that stops the app from working offline. */
export function Banners() {
  const applyAppUpdate = useApp((s) => s.applyAppUpdate);
  const newerCatalog = useApp((s) => s.newerCatalog);
  const engine = useApp((s) => s.engine);
  const notKept = Object.values(engine).find((s) => s.notKept)?.notKept;
  return (
    <>
      {engine.catalog.state === 'failed' && (
        <Notice tone="error" title="The catalog could not be loaded">
          {failureText(engine.catalog)}. Nothing can be searched without it; my list still works. Reload the page to try again.
        </Notice>
      )}
      {applyAppUpdate && (
        <Notice tone="info" title="A new version of Marquee is ready">
          <button type="button" className={button} onClick={applyAppUpdate}>
            Reload to update
          </button>
        </Notice>
      )}
      {newerCatalog && (
        <Notice tone="info" title="A newer catalog is available">
          {newerCatalog.titles.toLocaleString()} titles, version {newerCatalog.version}.{' '}
          <button type="button" className={button} onClick={() => location.reload()}>
            Reload to use it
          </button>
        </Notice>
      )}
      {notKept && (
        <Notice tone="error" title="Marquee cannot be kept for offline use">
          {notKept}. Everything works while you are online; free some space and reload to keep it offline.
        </Notice>
      )}
    </>
  );
}
