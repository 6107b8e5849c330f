/**
 * Reads a ZIP of stored (uncompressed) entries through its central directory — what the recording
 * export writes — into name → bytes. ZIP64 sizes and offsets are followed. Throws on anything else.
 */
export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a ZIP: no end of central directory');
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (offset === 0xffffffff || count === 0xffff) {
    const locator = eocd - 20;
    const zip64 = Number(view.getBigUint64(locator + 8, true));
    count = Number(view.getBigUint64(zip64 + 32, true));
    offset = Number(view.getBigUint64(zip64 + 48, true));
  }
  const files = new Map<string, Uint8Array>();
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(offset, true) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = view.getUint16(offset + 10, true);
    let size = view.getUint32(offset + 20, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    let local = view.getUint32(offset + 42, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    // ZIP64 extra field: the 64-bit values of the fields that are 0xffffffff, in order.
    let extra = offset + 46 + nameLength;
    const end = extra + extraLength;
    while (extra < end) {
      const id = view.getUint16(extra, true);
      const length = view.getUint16(extra + 2, true);
      if (id === 0x0001) {
        let at = extra + 4;
        if (view.getUint32(offset + 24, true) === 0xffffffff) at += 8;
        if (size === 0xffffffff) {
          size = Number(view.getBigUint64(at, true));
          at += 8;
        }
        if (local === 0xffffffff) local = Number(view.getBigUint64(at, true));
      }
      extra += 4 + length;
    }
    if (method !== 0) throw new Error(`${name}: compressed entries are not read here`);
    const dataAt = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    files.set(name, bytes.subarray(dataAt, dataAt + size));
    offset = end + commentLength;
  }
  return files;
}
