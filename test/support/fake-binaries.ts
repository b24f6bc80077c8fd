/**
 * Executable headers built by hand — a Mach-O (thin or universal, with the dylibs it loads) and an
 * ELF — for the checks that refuse a wrong-platform or wrong-CPU helper or native module. Only the
 * header and load commands are real; nothing here runs.
 */
const MACHO_CPU = { x64: 0x01000007, arm64: 0x0100000c } as const;
const ELF_MACHINE = { x64: 0x3e, arm64: 0xb7 } as const;
export type FakeCpu = keyof typeof MACHO_CPU;

function dylibCommand(name: string): Buffer {
  // dylib_command: cmd, cmdsize, name offset (24), timestamp, current and compatibility version.
  const size = Math.ceil((24 + Buffer.byteLength(name) + 1) / 8) * 8;
  const command = Buffer.alloc(size);
  command.writeUInt32LE(0xc, 0);
  command.writeUInt32LE(size, 4);
  command.writeUInt32LE(24, 8);
  command.write(name, 24, 'utf8');
  return command;
}

/** A 64-bit little-endian Mach-O executable for `cpu` loading `dylibs`, padded to `size` bytes. */
export function machO(
  cpu: FakeCpu,
  dylibs: readonly string[] = ['/usr/lib/libSystem.B.dylib'],
  size = 4096,
): Buffer {
  const commands = Buffer.concat(dylibs.map(dylibCommand));
  const header = Buffer.alloc(32);
  header.writeUInt32LE(0xfeedfacf, 0);
  header.writeUInt32LE(MACHO_CPU[cpu], 4);
  header.writeUInt32LE(0, 8);
  header.writeUInt32LE(2, 12); // MH_EXECUTE
  header.writeUInt32LE(dylibs.length, 16);
  header.writeUInt32LE(commands.length, 20);
  const body = Buffer.concat([header, commands]);
  return Buffer.concat([body, Buffer.alloc(Math.max(0, size - body.length))]);
}

/** A universal Mach-O holding one slice per CPU. */
export function universalMachO(slices: readonly FakeCpu[]): Buffer {
  const parts = slices.map((cpu) => machO(cpu));
  const table = Buffer.alloc(8 + 20 * parts.length);
  table.writeUInt32BE(0xcafebabe, 0);
  table.writeUInt32BE(parts.length, 4);
  let offset = 4096;
  parts.forEach((part, i) => {
    table.writeUInt32BE(MACHO_CPU[slices[i] ?? 'x64'], 8 + i * 20);
    table.writeUInt32BE(offset, 16 + i * 20);
    table.writeUInt32BE(part.length, 20 + i * 20);
    offset += part.length;
  });
  return Buffer.concat([table, Buffer.alloc(4096 - table.length), ...parts]);
}

/** A 64-bit little-endian ELF header for `cpu`. */
export function elf(cpu: FakeCpu): Buffer {
  const bytes = Buffer.alloc(64);
  bytes.writeUInt32BE(0x7f454c46, 0);
  bytes[4] = 2; // 64-bit
  bytes[5] = 1; // little endian
  bytes.writeUInt16LE(ELF_MACHINE[cpu], 18);
  return bytes;
}
