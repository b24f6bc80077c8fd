/**
 * User settings: a JSON file validated by a schema and written atomically. Loading (settings-load.ts)
 * fails closed: invalid fields are rejected one by one, never the whole file.
 */
import { randomBytes } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { launcherSettingsSchema, projectsSchema } from './projects-schema';

/** A regular expression source that compiles (mention patterns are the user's, matched case-insensitively). */
const regexSource = z
  .string()
  .max(200)
  .refine((source) => {
    try {
      new RegExp(source, 'i');
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

/** A folder given by the user: absolute, or under the home folder (`~/…`). */
const folderPath = z
  .string()
  .min(1)
  .max(1024)
  .refine(
    (path) => path.startsWith('/') || path === '~' || path.startsWith('~/'),
    'must be an absolute path or start with ~/',
  );

const groupAccessSchema = z.object({
  /** Only messages that mention the bot (or reply to it, or match a pattern) get through. */
  requireMention: z.boolean().default(true),
  /** When not empty, only these sender ids may talk in the group. */
  allowFrom: z.array(z.string().max(128)).max(1000).default([]),
});
export type GroupAccess = z.infer<typeof groupAccessSchema>;

const platformAccessSchema = (dmPolicy: 'pairing' | 'allowlist') =>
  z.object({
    dmPolicy: z.enum(['pairing', 'allowlist', 'disabled']).default(dmPolicy),
    /** Groups are opt-in, by the platform's group or channel id. */
    groups: z.record(z.string().max(128), groupAccessSchema).default({}),
    /** Regular expressions (case-insensitive) that count as a mention in groups. */
    mentionPatterns: z.array(regexSource).max(20).default([]),
    firstPairedIsOwner: z.boolean().default(true),
  });
export type PlatformAccess = z.infer<ReturnType<typeof platformAccessSchema>>;

export const settingsSchema = z.object({
  version: z.literal(1).default(1),
  /** The owner's name as shown to Claude for web chat messages. */
  ownerName: z.string().min(1).max(64).optional(),
  webchat: z.object({ port: z.number().int().min(0).max(65535).optional() }).default({}),
  access: z
    .object({
      telegram: platformAccessSchema('pairing').default(() =>
        platformAccessSchema('pairing').parse({}),
      ),
      discord: platformAccessSchema('pairing').default(() =>
        platformAccessSchema('pairing').parse({}),
      ),
      imessage: platformAccessSchema('allowlist').default(() =>
        platformAccessSchema('allowlist').parse({}),
      ),
    })
    .default(() => ({
      telegram: platformAccessSchema('pairing').parse({}),
      discord: platformAccessSchema('pairing').parse({}),
      imessage: platformAccessSchema('allowlist').parse({}),
    })),
  telegram: z
    .object({
      /** React to each message Claude will get (e.g. "👀"), so the sender sees it arrived. */
      ackReaction: z.string().min(1).max(16).optional(),
    })
    .default({}),
  imessage: z
    .object({
      /** Read Messages on this Mac (needs Full Disk Access). Also on whenever SWITCHBOARD_IMESSAGE_DB is set. */
      enabled: z.boolean().default(false),
      /** SMS/RCS senders can be spoofed; off unless asked for. */
      allowSms: z.boolean().default(false),
      /** Your own phone numbers and emails, for the self-chat (also learned from sent messages). */
      selfHandles: z.array(z.string().max(200)).max(10).default([]),
      /** A line added under every message Claude sends. */
      signature: z.string().max(200).optional(),
      /** Messages that arrived while Switchboard was closed are delivered if no older than this. */
      lookBackMinutes: z
        .number()
        .int()
        .min(0)
        .max(7 * 24 * 60)
        .default(24 * 60),
    })
    .default({ enabled: false, allowSms: false, selfHandles: [], lookBackMinutes: 24 * 60 }),
  discord: z
    .object({
      /** Channel ids (`123…`) whose other bots' and webhooks' messages reach Claude. */
      allowBotsIn: z.array(z.string().max(32)).max(100).default([]),
    })
    .default({ allowBotsIn: [] }),
  /** "Pause all channels" from the menu bar: chat platforms stop receiving until resumed. */
  paused: z.boolean().default(false),
  permissions: z
    .object({
      /** Send prompts to the owner chats bound to the asking session. */
      forwardToChats: z.boolean().default(true),
      expireAfterMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(30),
    })
    .default({ forwardToChats: true, expireAfterMinutes: 30 }),
  /** Projects whose Claude Code sessions Switchboard starts (in tmux), by project name. */
  projects: projectsSchema.default({}),
  /** How Switchboard starts those sessions, and what chats may do to their terminals. */
  launcher: launcherSettingsSchema.default(() => launcherSettingsSchema.parse({})),
  /** What Claude Code sessions may do beyond their own conversations and folders. */
  sessions: z
    .object({
      /**
       * Folders Claude may send files from, besides the session's working directory, Switchboard's
       * inbox and the temp directory (credential folders such as ~/.ssh stay refused).
       */
      sendFilesFrom: z.array(folderPath).max(50).default([]),
      /**
       * Sessions (by name, "*" for all) that may read and write every chat the gate allows, not
       * only the chats routed to them.
       */
      allChats: z.array(z.string().min(1).max(64)).max(50).default([]),
    })
    .default({ sendFilesFrom: [], allChats: [] }),
  remotes: z
    .object({
      /** "Connect remotes at start": remotes left connected are linked again when the hub starts. */
      connectAtStart: z.boolean().default(false),
    })
    .default({ connectAtStart: false }),
});
export type Settings = z.infer<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

export async function saveSettings(path: string, settings: SettingsInput): Promise<void> {
  const valid = settingsSchema.parse(settings);
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}
