import { describe, expect, it } from 'vitest';
import { describeBytes, describeInfo } from '../../../scripts/binary-format';
import { elf, machO, universalMachO } from '../../support/fake-binaries';

describe('reading what a binary is built for', () => {
  it('tells a Mach-O for Apple Silicon from one for Intel, and lists the dylibs it loads', async () => {
    const arm = await describeBytes(
      machO('arm64', ['/usr/lib/libSystem.B.dylib', '/opt/homebrew/opt/libuv/lib/libuv.1.dylib']),
    );
    expect(arm).toEqual({
      format: 'mach-o',
      platform: 'darwin',
      archs: ['arm64'],
      dylibs: ['/usr/lib/libSystem.B.dylib', '/opt/homebrew/opt/libuv/lib/libuv.1.dylib'],
    });
    expect((await describeBytes(machO('x64')))?.archs).toEqual(['x64']);
  });

  it('reads every slice of a universal binary', async () => {
    const info = await describeBytes(universalMachO(['x64', 'arm64']));
    expect(info).toMatchObject({ format: 'mach-o', archs: ['x64', 'arm64'] });
    expect(info && describeInfo(info)).toBe('a Mach-O (darwin x64+arm64) binary');
  });

  it('reads ELF machines, and says so in words', async () => {
    const info = await describeBytes(elf('arm64'));
    expect(info).toMatchObject({ format: 'elf', platform: 'linux', archs: ['arm64'] });
    expect(info && describeInfo(info)).toBe('an ELF (linux arm64) binary');
  });

  it('does not take a Java class file, a script or an empty file for a binary', async () => {
    const javaClass = Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x41, 0, 0, 0, 0]);
    expect(await describeBytes(javaClass)).toBeUndefined();
    expect(await describeBytes(Buffer.from('#!/bin/sh\necho hi\n'))).toBeUndefined();
    expect(await describeBytes(Buffer.alloc(0))).toBeUndefined();
  });

  it('survives a truncated Mach-O without inventing dylibs', async () => {
    const cut = machO('x64', ['/usr/lib/libSystem.B.dylib']).subarray(0, 40);
    expect(await describeBytes(cut)).toMatchObject({ archs: ['x64'], dylibs: [] });
  });
});
