/**
 * What an executable or native module is built for, read from its header: Mach-O (thin and
 * universal), ELF and PE. Packaging uses it to refuse a helper or a native module of the wrong
 * platform or CPU before it goes into an app, and to list the dylibs a Mach-O file loads (the
 * LC_*_DYLIB load commands that `otool -L` prints), so it works on any build host.
 */
import { open } from 'node:fs/promises';

export type Cpu = 'x64' | 'arm64' | 'ia32' | 'arm' | 'other';
export type BinaryPlatform = 'darwin' | 'linux' | 'win32';
export type BinaryInfo = {
  format: 'mach-o' | 'elf' | 'pe';
  platform: BinaryPlatform;
  /** One entry for a thin binary, one per slice for a universal (fat) Mach-O. */
  archs: Cpu[];
  /** Mach-O only: the install names of the dylibs every slice loads. */
  dylibs: string[];
};

const MACHO_CPU: Record<number, Cpu> = {
  0x01000007: 'x64',
  0x0100000c: 'arm64',
  7: 'ia32',
  12: 'arm',
};
const ELF_CPU: Record<number, Cpu> = { 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'arm' };
const PE_CPU: Record<number, Cpu> = { 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'ia32', 0x1c4: 'arm' };
/** LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB, LC_REEXPORT_DYLIB, LC_LAZY_LOAD_DYLIB, LC_LOAD_UPWARD_DYLIB. */
const DYLIB_COMMANDS = new Set([0xc, 0x80000018, 0x8000001f, 0x20, 0x80000023]);

type Reader = (offset: number, length: number) => Promise<Buffer>;

/** Describes the binary at `path`, or undefined when it is not an executable format we know. */
export async function describeBinary(path: string): Promise<BinaryInfo | undefined> {
  const handle = await open(path, 'r');
  try {
    const read: Reader = async (offset, length) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    };
    return await describe(read);
  } finally {
    await handle.close();
  }
}

/** The same, for bytes in memory (tests build headers by hand). */
export function describeBytes(bytes: Buffer): Promise<BinaryInfo | undefined> {
  return describe((offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)));
}

async function describe(read: Reader): Promise<BinaryInfo | undefined> {
  const head = await read(0, 64);
  if (head.length < 8) return undefined;
  const magic = head.readUInt32BE(0);
  if (magic === 0xcafebabe || magic === 0xcafebabf) return fatMachO(read, head, magic);
  if ([0xfeedfacf, 0xcffaedfe, 0xfeedface, 0xcefaedfe].includes(magic)) {
    const slice = await machOSlice(read, 0);
    return (
      slice && { format: 'mach-o', platform: 'darwin', archs: [slice.cpu], dylibs: slice.dylibs }
    );
  }
  if (head.readUInt32BE(0) === 0x7f454c46 && head.length >= 20) {
    const little = head[5] === 1;
    const machine = little ? head.readUInt16LE(18) : head.readUInt16BE(18);
    return { format: 'elf', platform: 'linux', archs: [ELF_CPU[machine] ?? 'other'], dylibs: [] };
  }
  if (head.toString('latin1', 0, 2) === 'MZ' && head.length >= 64) {
    const peOffset = head.readUInt32LE(0x3c);
    const pe = await read(peOffset, 6);
    if (pe.length < 6 || pe.toString('latin1', 0, 4) !== 'PE\0\0') return undefined;
    return {
      format: 'pe',
      platform: 'win32',
      archs: [PE_CPU[pe.readUInt16LE(4)] ?? 'other'],
      dylibs: [],
    };
  }
  return undefined;
}

async function fatMachO(
  read: Reader,
  head: Buffer,
  magic: number,
): Promise<BinaryInfo | undefined> {
  const count = head.readUInt32BE(4);
  // Java class files share 0xcafebabe; their "count" (a version) is far above any real slice count.
  if (count === 0 || count > 16) return undefined;
  const entrySize = magic === 0xcafebabf ? 32 : 20;
  const table = await read(8, count * entrySize);
  const archs: Cpu[] = [];
  const dylibs = new Set<string>();
  for (let i = 0; i < count; i++) {
    const at = i * entrySize;
    const offset =
      magic === 0xcafebabf ? Number(table.readBigUInt64BE(at + 8)) : table.readUInt32BE(at + 8);
    const slice = await machOSlice(read, offset);
    if (!slice) return undefined;
    archs.push(slice.cpu);
    for (const dylib of slice.dylibs) dylibs.add(dylib);
  }
  return { format: 'mach-o', platform: 'darwin', archs, dylibs: [...dylibs] };
}

async function machOSlice(
  read: Reader,
  base: number,
): Promise<{ cpu: Cpu; dylibs: string[] } | undefined> {
  const header = await read(base, 32);
  if (header.length < 28) return undefined;
  const magic = header.readUInt32BE(0);
  const little = magic === 0xcffaedfe || magic === 0xcefaedfe;
  const is64 = magic === 0xfeedfacf || magic === 0xcffaedfe;
  const u32 = (buffer: Buffer, at: number): number =>
    little ? buffer.readUInt32LE(at) : buffer.readUInt32BE(at);
  if (![0xfeedfacf, 0xfeedface].includes(u32(header, 0))) return undefined;
  const cpu = MACHO_CPU[u32(header, 4)] ?? 'other';
  const commandCount = u32(header, 16);
  const commandBytes = u32(header, 20);
  const commands = await read(base + (is64 ? 32 : 28), commandBytes);
  const dylibs: string[] = [];
  let at = 0;
  for (let i = 0; i < commandCount && at + 8 <= commands.length; i++) {
    const command = u32(commands, at);
    const size = u32(commands, at + 4);
    if (size < 8) break;
    if (DYLIB_COMMANDS.has(command) && at + 12 <= commands.length) {
      const nameAt = at + u32(commands, at + 8);
      const end = commands.indexOf(0, nameAt);
      dylibs.push(
        commands.toString('utf8', nameAt, end === -1 ? at + size : Math.min(end, at + size)),
      );
    }
    at += size;
  }
  return { cpu, dylibs };
}

/** A short human description, e.g. "a Mach-O (darwin arm64) binary". */
export function describeInfo(info: BinaryInfo): string {
  const name = { 'mach-o': 'a Mach-O', elf: 'an ELF', pe: 'a PE' }[info.format];
  return `${name} (${info.platform} ${info.archs.join('+')}) binary`;
}
