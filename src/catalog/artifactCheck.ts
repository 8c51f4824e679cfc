/** A built file as the manifest describes it. */
export interface ArtifactRef {
  file: string;
  bytes: number;
  sha256: string;
}

/**
 * Why `bytes` are not the artifact the manifest describes (a truncated or corrupt
 * download, a stale file), or null when they are. WebCrypto, so the worker and the CLI
 * share it.
 */
export async function artifactMismatch(bytes: Uint8Array, expected: ArtifactRef): Promise<string | null> {
  if (bytes.length !== expected.bytes) return `${bytes.length} bytes, expected ${expected.bytes}`;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  return sha256 === expected.sha256 ? null : `SHA-256 ${sha256.slice(0, 12)}..., expected ${expected.sha256.slice(0, 12)}...`;
}
