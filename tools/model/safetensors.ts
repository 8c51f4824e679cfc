/** One tensor of a safetensors file: its shape and its bytes (a view into the file). */
export interface SafeTensor {
  dtype: string;
  shape: number[];
  bytes: Uint8Array;
}

/**
 * Reads the safetensors format (https://huggingface.co/docs/safetensors): an 8-byte
 * little-endian header length, a JSON header naming each tensor's dtype, shape and byte
 * range, then the data. Refuses a file whose header or ranges do not fit it.
 */
export function readSafetensors(file: Uint8Array): Map<string, SafeTensor> {
  if (file.length < 8) throw new Error('not a safetensors file: shorter than its header length');
  const headerBytes = Number(new DataView(file.buffer, file.byteOffset, 8).getBigUint64(0, true));
  if (8 + headerBytes > file.length) throw new Error(`not a safetensors file: a header of ${headerBytes} bytes in a file of ${file.length}`);
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  try {
    header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + headerBytes)));
  } catch {
    throw new Error('not a safetensors file: its header is not JSON');
  }
  const data = file.subarray(8 + headerBytes);
  const tensors = new Map<string, SafeTensor>();
  for (const [name, t] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const [begin, end] = t.data_offsets;
    if (!(begin >= 0 && begin <= end && end <= data.length)) throw new Error(`safetensors: ${name} lies outside the file`);
    tensors.set(name, { dtype: t.dtype, shape: t.shape, bytes: data.subarray(begin, end) });
  }
  return tensors;
}
