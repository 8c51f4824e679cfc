import { useEffect, useState } from 'react';
import { MANIFEST_FILE, parseManifest, type Manifest } from '../catalog/manifest.ts';

export type ManifestState = { status: 'loading' } | { status: 'ready'; manifest: Manifest } | { status: 'error'; message: string };

/** The catalog manifest the build wrote into the site's `data/`. */
export function useManifest(): ManifestState {
  const [state, setState] = useState<ManifestState>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    fetch(`${import.meta.env.BASE_URL}data/${MANIFEST_FILE}`)
      .then(async (res) => {
        if (!res.ok) throw new Error(`data/${MANIFEST_FILE}: HTTP ${res.status}. Build a catalog with \`npm run catalog\`.`);
        return parseManifest(await res.text());
      })
      .then((manifest) => !cancelled && setState({ status: 'ready', manifest }))
      .catch((err: Error) => !cancelled && setState({ status: 'error', message: err.message }));
    return () => {
      cancelled = true;
    };
  }, []);
  return state;
}
