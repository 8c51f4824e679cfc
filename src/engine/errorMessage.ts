/**
 * Words for anything thrown. WASM runtimes throw things that are not Errors (a bare
 * `WebAssembly.Exception`, as hnswlib-wasm did on a corrupt index), and a failure shown as
 * "undefined" tells a person nothing.
 */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  if (typeof WebAssembly !== 'undefined' && 'Exception' in WebAssembly && err instanceof (WebAssembly as unknown as { Exception: new (...a: never[]) => object }).Exception) {
    return 'the WebAssembly runtime failed on this file (it may be corrupt or from another version)';
  }
  if (typeof err === 'string' && err) return err;
  if (err instanceof Error) return err.name;
  const text = err === undefined || err === null ? '' : String(err);
  return text && text !== '[object Object]' ? text : 'failed without saying why';
}
