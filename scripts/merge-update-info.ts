/**
 * One update feed for both CPUs:
 *
 *   node scripts/merge-update-info.ts --arm64 latest-mac-arm64.yml --x64 latest-mac-x64.yml \
 *     --out latest-mac.yml
 *
 * Each release runner builds one CPU's app, so electron-builder writes a latest-mac.yml naming only
 * that CPU's files; uploaded as they are, the second would replace the first and every Mac of the
 * other kind would be offered the wrong app (or none). electron-updater's MacUpdater picks from the
 * feed's `files` by whether the URL contains "arm64" (arm64 Macs take those, Intel Macs the others),
 * so the merged feed lists both CPUs' files, and this refuses feeds that would make it pick wrong:
 * different versions, an x64 file whose name says arm64, an arm64 file whose name does not, a CPU
 * without its zip (the file updates install), a malformed checksum.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { dump, load } from 'js-yaml';
import { z } from 'zod';

const fileSchema = z
  .object({
    url: z.string().regex(/^[A-Za-z0-9._-]+$/, 'a file name'),
    sha512: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'a base64 sha512'),
    size: z.number().int().positive(),
  })
  .loose();
const infoSchema = z
  .object({
    version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'a release version'),
    files: z.array(fileSchema).min(1),
    releaseDate: z.iso.datetime({ offset: true }),
  })
  .loose();

export type UpdateFile = z.infer<typeof fileSchema>;
export type MacUpdateInfo = {
  version: string;
  files: UpdateFile[];
  /** Legacy single-file fields (pre-`files` clients): the x64 zip, which runs on both CPUs. */
  path: string;
  sha512: string;
  releaseDate: string;
};

function parse(text: string, what: string): z.infer<typeof infoSchema> {
  const parsed = infoSchema.safeParse(load(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${what}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not valid'}`);
  }
  return parsed.data;
}

/** Merges the two CPUs' latest-mac.yml texts; throws saying what is wrong. */
export function mergeMacUpdateInfo(arm64Text: string, x64Text: string): MacUpdateInfo {
  const arm64 = parse(arm64Text, 'the arm64 feed');
  const x64 = parse(x64Text, 'the x64 feed');
  if (arm64.version !== x64.version)
    throw new Error(
      `the feeds are for different versions: arm64 ${arm64.version}, x64 ${x64.version}`,
    );
  for (const file of arm64.files)
    if (!file.url.includes('arm64'))
      throw new Error(`the arm64 feed lists ${file.url}, whose name does not say arm64`);
  for (const file of x64.files)
    if (file.url.includes('arm64'))
      throw new Error(
        `the x64 feed lists ${file.url}: Intel Macs would skip it (its name says arm64)`,
      );
  const zipOf = (files: UpdateFile[], cpu: string): UpdateFile => {
    const zips = files.filter((f) => f.url.endsWith('.zip'));
    if (zips.length !== 1 || !zips[0])
      throw new Error(`the ${cpu} feed must list exactly one .zip (it lists ${zips.length})`);
    return zips[0];
  };
  zipOf(arm64.files, 'arm64');
  const legacy = zipOf(x64.files, 'x64');
  const urls = [...arm64.files, ...x64.files].map((f) => f.url);
  const twice = urls.find((url, i) => urls.indexOf(url) !== i);
  if (twice) throw new Error(`${twice} is listed twice`);
  return {
    version: x64.version,
    files: [...arm64.files, ...x64.files],
    path: legacy.url,
    sha512: legacy.sha512,
    releaseDate: [arm64.releaseDate, x64.releaseDate].sort().at(-1) ?? x64.releaseDate,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      arm64: { type: 'string' },
      x64: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (!values.arm64 || !values.x64 || !values.out)
    throw new Error('usage: merge-update-info.ts --arm64 FILE --x64 FILE --out FILE');
  const merged = mergeMacUpdateInfo(
    await readFile(values.arm64, 'utf8'),
    await readFile(values.x64, 'utf8'),
  );
  await writeFile(values.out, dump(merged, { lineWidth: -1 }));
  process.stdout.write(`wrote ${values.out}: ${merged.version}, ${merged.files.length} files\n`);
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `merge-update-info: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
