/**
 * Just enough of the protobuf wire format to edit an ONNX model without its schema: a
 * message is read as its fields in order, each kept as the bytes it was, so that whatever
 * an edit does not touch is written back unchanged.
 */

export interface Field {
  num: number;
  /** 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
  wire: number;
  /** The payload: a length-delimited field's contents, else the value's own bytes. */
  value: Uint8Array;
  /** The whole field as it was: tag, length and payload. */
  raw: Uint8Array;
}

function readVarint(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (let i = at; i < bytes.length; i++) {
    const b = bytes[i]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) return [value, i + 1];
    scale *= 128;
  }
  throw new Error('protobuf: varint runs past the end of the message');
}

export function readFields(bytes: Uint8Array): Field[] {
  const fields: Field[] = [];
  let at = 0;
  while (at < bytes.length) {
    const start = at;
    const [tag, afterTag] = readVarint(bytes, at);
    const num = Math.floor(tag / 8);
    const wire = tag % 8;
    let from = afterTag;
    let to: number;
    if (wire === 0) [, to] = readVarint(bytes, afterTag);
    else if (wire === 1) to = afterTag + 8;
    else if (wire === 5) to = afterTag + 4;
    else if (wire === 2) {
      const [length, afterLength] = readVarint(bytes, afterTag);
      [from, to] = [afterLength, afterLength + length];
    } else throw new Error(`protobuf: field ${num} has wire type ${wire}, which ONNX does not use`);
    if (to > bytes.length) throw new Error(`protobuf: field ${num} runs past the end of the message (cut off?)`);
    fields.push({ num, wire, value: bytes.subarray(from, to), raw: bytes.subarray(start, to) });
    at = to;
  }
  return fields;
}

export const readVarintField = (f: Field): number => readVarint(f.value, 0)[0];
export const readString = (f: Field): string => new TextDecoder().decode(f.value);
/** Every value of a repeated varint field, packed or not. */
export function readVarints(fields: Field[], num: number): number[] {
  const out: number[] = [];
  for (const f of fields.filter((x) => x.num === num)) {
    if (f.wire === 0) {
      out.push(readVarintField(f));
      continue;
    }
    for (let at = 0; at < f.value.length; ) {
      const [value, next] = readVarint(f.value, at);
      out.push(value);
      at = next;
    }
  }
  return out;
}

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

export const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

export const varintField = (num: number, value: number) => new Uint8Array([...varint(num * 8), ...varint(value)]);
export const bytesField = (num: number, payload: Uint8Array) => concat([new Uint8Array([...varint(num * 8 + 2), ...varint(payload.length)]), payload]);
export const stringField = (num: number, text: string) => bytesField(num, new TextEncoder().encode(text));
