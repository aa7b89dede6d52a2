// The few pieces of the WebAssembly binary format needed to emit one small module at run time
// (https://webassembly.github.io/spec/core/binary/). No toolchain is involved: the kernels are built
// instruction by instruction, specialised for the number of topics.

export type Bytes = number[];

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

export function uleb(value: number): Bytes {
  const out: Bytes = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

function sleb(value: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && !(byte & 0x40)) || (value === -1 && byte & 0x40)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const vector = (items: Bytes[]): Bytes => [...uleb(items.length), ...items.flat()];
const name = (text: string): Bytes => [...uleb(text.length), ...Buffer.from(text, 'utf8')];
const section = (id: number, bytes: Bytes): Bytes => [id, ...uleb(bytes.length), ...bytes];

/** Instructions, as byte sequences. Memory offsets are byte addresses held in i32 locals. */
export const op = {
  get: (local: number): Bytes => [0x20, ...uleb(local)],
  set: (local: number): Bytes => [0x21, ...uleb(local)],
  i32: (value: number): Bytes => [0x41, ...sleb(value)],
  f32: (value: number): Bytes => {
    const bytes = Buffer.alloc(4);
    bytes.writeFloatLE(value);
    return [0x43, ...bytes];
  },
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32Load: (offset = 0): Bytes => [0x28, 2, ...uleb(offset)],
  i32Shl: [0x74],
  i32Eq: [0x46],
  i32GtS: [0x4a],
  f32Add: [0x92],
  f32Div: [0x95],
  f32Load: (offset = 0): Bytes => [0x2a, 2, ...uleb(offset)],
  f32Store: (offset = 0): Bytes => [0x38, 2, ...uleb(offset)],
  v128Load: (offset = 0): Bytes => [0xfd, ...uleb(0x00), 4, ...uleb(offset)],
  v128Store: (offset = 0): Bytes => [0xfd, ...uleb(0x0b), 4, ...uleb(offset)],
  v128Zero: [0xfd, ...uleb(0x0c), ...new Array<number>(16).fill(0)],
  f32x4Splat: [0xfd, ...uleb(0x13)],
  f32x4ExtractLane: (lane: number): Bytes => [0xfd, ...uleb(0x1f), lane],
  f32x4Add: [0xfd, ...uleb(0xe4)],
  f32x4Mul: [0xfd, ...uleb(0xe6)],
  f32x4Div: [0xfd, ...uleb(0xe7)],
  f32x4Sub: [0xfd, ...uleb(0xe5)],
  f32x4Neg: [0xfd, ...uleb(0xe1)],
  f32x4Min: [0xfd, ...uleb(0xe8)],
  f32x4Max: [0xfd, ...uleb(0xe9)],
  f32x4Nearest: [0xfd, ...uleb(0x6a)],
  f32x4Gt: [0xfd, ...uleb(0x44)],
  v128And: [0xfd, ...uleb(0x4e)],
  i32x4TruncSatF32x4S: [0xfd, ...uleb(0xf8)],
  i32x4Add: [0xfd, ...uleb(0xae)],
  i32x4Sub: [0xfd, ...uleb(0xb1)],
  i32x4Shl: [0xfd, ...uleb(0xab)],
  i32x4ShrS: [0xfd, ...uleb(0xac)],
  /** v128.const of four equal f32 lanes. */
  f32x4Const: (value: number): Bytes => {
    const bytes = Buffer.alloc(16);
    for (let lane = 0; lane < 4; lane++) bytes.writeFloatLE(value, 4 * lane);
    return [0xfd, ...uleb(0x0c), ...bytes];
  },
  /** v128.const of four equal i32 lanes. */
  i32x4Const: (value: number): Bytes => {
    const bytes = Buffer.alloc(16);
    for (let lane = 0; lane < 4; lane++) bytes.writeInt32LE(value, 4 * lane);
    return [0xfd, ...uleb(0x0c), ...bytes];
  },
  /** i8x16.shuffle of two f32x4 by f32 lanes (0–3 from the first operand, 4–7 from the second). */
  f32x4Shuffle: (lanes: [number, number, number, number]): Bytes => [
    0xfd,
    ...uleb(0x0d),
    ...lanes.flatMap((lane) => [4 * lane, 4 * lane + 1, 4 * lane + 2, 4 * lane + 3]),
  ],
  /** block { loop { ...body } }: `br 1` leaves, `br 0` repeats. */
  loop: (...body: Bytes[]): Bytes => [0x02, 0x40, 0x03, 0x40, ...body.flat(), 0x0b, 0x0b],
  brIf: (depth: number): Bytes => [0x0d, ...uleb(depth)],
  br: (depth: number): Bytes => [0x0c, ...uleb(depth)],
};

export interface FunctionSpec {
  name: string;
  params: number[];
  /** Extra locals by type, in order, after the parameters. */
  locals: Array<[count: number, type: number]>;
  body: Bytes[];
}

/**
 * A module with the given exported functions over one memory imported as `env.memory` (at least
 * `initialPages` pages), so that several modules can work on the same data.
 */
export function encodeModule(functions: FunctionSpec[], initialPages: number): Uint8Array {
  const types = functions.map((f) => [0x60, ...vector(f.params.map((p) => [p])), ...vector([])]);
  const codes = functions.map((f) => {
    const code = [...vector(f.locals.map(([count, type]) => [...uleb(count), type])), ...f.body.flat(), 0x0b];
    return [...uleb(code.length), ...code];
  });
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vector(types)),
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(initialPages)]])),
    ...section(3, vector(functions.map((_, i) => uleb(i)))),
    ...section(7, vector(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vector(codes)),
  ]);
}
