/**
 * An encoder for the typedstream shape Messages writes into `attributedBody`, written for the
 * tests from the format: header, the NSAttributedString → NSObject / NSString class chain, the
 * string as a length-prefixed UTF-8 run, then an attribute dictionary — so fixture rows look like
 * the real ones byte for byte where the decoder looks.
 */
const enc = new TextEncoder();

export function encodeLength(length: number, width?: 1 | 2 | 4 | 8): Uint8Array {
  const w = width ?? (length < 0x80 ? 1 : length <= 0xffff ? 2 : length <= 0xffffffff ? 4 : 8);
  if (w === 1) return Uint8Array.of(length);
  const out = new Uint8Array(1 + w);
  const view = new DataView(out.buffer);
  if (w === 2) {
    out[0] = 0x81;
    view.setUint16(1, length, true);
  } else if (w === 4) {
    out[0] = 0x82;
    view.setUint32(1, length, true);
  } else {
    out[0] = 0x83;
    view.setBigUint64(1, BigInt(length), true);
  }
  return out;
}

function concat(parts: Array<Uint8Array | number[]>): Uint8Array {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

export function encodeAttributedBody(
  text: string,
  options: { lengthWidth?: 1 | 2 | 4 | 8 } = {},
): Buffer {
  const utf8 = enc.encode(text);
  const header = [
    0x04,
    0x0b,
    ...enc.encode('streamtyped'),
    0x81,
    0xe8,
    0x03,
    0x84,
    0x01,
    0x40,
    0x84,
    0x84,
    0x84,
    0x12,
    ...enc.encode('NSAttributedString'),
    0x00,
    0x84,
    0x84,
    0x08,
    ...enc.encode('NSObject'),
    0x00,
    0x85,
    0x92,
    0x84,
    0x84,
    0x84,
    0x08,
    ...enc.encode('NSString'),
    0x01,
    0x94,
    0x84,
    0x01,
    0x2b,
  ];
  const attributes = [
    0x86,
    0x84,
    0x02,
    0x69,
    0x49,
    0x01,
    ...Array.from(encodeLength(utf8.length > 0xffff ? 0xffff : utf8.length)),
    0x92,
    0x84,
    0x84,
    0x84,
    0x0c,
    ...enc.encode('NSDictionary'),
    0x00,
    0x94,
    0x84,
    0x01,
    0x69,
    0x01,
    0x92,
    0x84,
    0x96,
    0x96,
    0x1d,
    ...enc.encode('__kIMMessagePartAttributeName'),
    0x86,
    0x92,
    0x84,
    0x84,
    0x84,
    0x08,
    ...enc.encode('NSNumber'),
    0x00,
    0x84,
    0x84,
    0x07,
    ...enc.encode('NSValue'),
    0x00,
    0x94,
    0x84,
    0x01,
    0x2a,
    0x84,
    0x99,
    0x99,
    0x00,
    0x86,
    0x86,
    0x86,
  ];
  return Buffer.from(
    concat([header, encodeLength(utf8.length, options.lengthWidth), utf8, attributes]),
  );
}
