/**
 * The hub's answers to the project commands (`/projects`, `/new`, `/stop`, `/restart`, `/screen`,
 * `/press`, `/type`), all only for owners — project names are session names, which a member never
 * learns — and the terminal ones (`/screen`, `/press`, `/type`) only in a direct chat — a group would see the
 * terminal. Refusals are audited. Slow work (starting, the stop grace period) runs in the
 * background so a platform's message loop never waits on it; every command gets an answer.
 */
import type { InboundMessage } from '../adapters/adapter';
import { drop, type Logger } from '../log';
import type { ChatRef } from '../launcher/launcher';
import type { ProjectService } from '../launcher/project-service';
import { formatScreen } from '../launcher/screen-format';
import { press, screen, type } from '../launcher/terminal';
import { PROJECT_COMMAND_USAGE, type ProjectCommand } from '../router/project-commands';
import type { Router } from '../router/router';
import type { AuditLog } from '../store/audit';

export type ProjectCommandDeps = {
  projects: ProjectService;
  router: Router;
  audit: AuditLog;
  log: Logger;
  /** Binds a chat (thread) to a session name and re-routes what waits. */
  bind: (chatId: string, threadId: string, session: string, by: string) => void;
  notify: (chat: ChatRef, text: string, keep: boolean, format?: 'text' | 'markdownv2') => void;
};

/** What the inbound pipeline does next: nothing, or store `forward` as the chat's message (from /new). */
export type ProjectCommandOutcome = { forward?: string };

const STATE_TEXT = {
  attached: 'running, connected',
  running: 'running, not connected yet (/screen shows why)',
  starting: 'starting',
  stopped: 'stopped',
} as const;

export class ProjectCommands {
  readonly #deps: ProjectCommandDeps;

  constructor(deps: ProjectCommandDeps) {
    this.#deps = deps;
  }

  async run(
    command: ProjectCommand,
    message: InboundMessage,
    role: 'owner' | 'member',
    actor: string,
  ): Promise<ProjectCommandOutcome> {
    const chat: ChatRef = {
      platform: message.platform,
      chatId: message.chatId,
      threadId: message.threadId ?? '',
    };
    const reply = (text: string): void => this.#deps.notify(chat, text, true);
    if (command.name === 'usage') {
      reply(`Usage: ${PROJECT_COMMAND_USAGE[command.command]}`);
      return {};
    }
    const refusal = this.#refusal(command.name, message, role);
    if (refusal) {
      this.#deps.audit.write({
        kind: 'launcher.refused',
        actor,
        subject: message.chatId,
        detail: { command: command.name, reason: refusal },
      });
      reply(refusal);
      return {};
    }
    if (command.name === 'projects') {
      reply(await this.#list(chat, true));
      return {};
    }
    const by = actor;
    switch (command.name) {
      case 'new':
        return this.#new(command.project, command.text, chat, by, reply);
      case 'stop':
      case 'restart':
      case 'screen': {
        const name = command.project ?? this.#chatProject(chat);
        if (name === undefined) {
          reply(
            `This chat is not sent to a project’s session. Name one: /${command.name} PROJECT (see /projects).`,
          );
          return {};
        }
        if (command.name === 'screen') await this.#screen(name, chat, by);
        else this.#background(command.name, name, chat, by, reply);
        return {};
      }
      case 'press':
      case 'type': {
        const name = this.#chatProject(chat);
        if (name === undefined) {
          reply('This chat is not sent to a session Switchboard started. Use /new PROJECT first.');
          return {};
        }
        const launcher = this.#deps.projects.launcher;
        const result =
          command.name === 'press'
            ? await press(launcher, name, command.keys, by)
            : await type(launcher, name, command.text, by);
        reply(result.message);
        return {};
      }
    }
  }

  #refusal(command: string, message: InboundMessage, role: 'owner' | 'member'): string | undefined {
    if (role !== 'owner' || message.mayAnswerPrompts === false)
      return `Only an owner can use /${command}.`;
    const terminal = command === 'screen' || command === 'press' || command === 'type';
    if (terminal && message.chatKind !== 'dm' && message.platform !== 'web')
      return `/${command} works only in a direct chat with the bot: everyone in a group would see or steer the terminal.`;
    return undefined;
  }

  /** The project this chat's messages go to, when it is one (or a launched session). */
  #chatProject(chat: ChatRef): string | undefined {
    const route = this.#deps.router.route(chat.chatId, chat.threadId);
    const name =
      route.kind === 'session'
        ? route.session.name
        : route.kind === 'wait-bound'
          ? route.name
          : undefined;
    if (name === undefined) return undefined;
    const { launcher } = this.#deps.projects;
    return launcher.project(name) || launcher.running.has(name) ? name : undefined;
  }

  async #list(chat: ChatRef, owner: boolean): Promise<string> {
    const views = await this.#deps.projects.views();
    if (views.length === 0)
      return 'No projects yet. Add one on the computer: Settings → Projects, or `switchboard projects add NAME DIR`.';
    const current = this.#chatProject(chat);
    const lines = views.map((v) => {
      const where = owner && v.dir ? ` — ${v.dir}` : '';
      const wake = v.wake && v.state === 'stopped' ? ' (starts when a message comes)' : '';
      const here = v.name === current ? '  ← this chat' : '';
      return `• ${v.name}: ${STATE_TEXT[v.state]}${wake}${where}${here}`;
    });
    return [
      'Projects:',
      ...lines,
      owner ? '/new NAME [message] starts one and sends this chat to it.' : '',
    ]
      .filter(Boolean)
      .join('\n');
  }

  #new(
    name: string,
    text: string,
    chat: ChatRef,
    by: string,
    reply: (text: string) => void,
  ): ProjectCommandOutcome {
    const { launcher } = this.#deps.projects;
    if (!launcher.project(name)) {
      reply(`There is no project "${name}". /projects lists them.`);
      return {};
    }
    this.#deps.bind(chat.chatId, chat.threadId, name, by);
    const forward = text === '' ? {} : { forward: text };
    if (launcher.deps.isAttached(name)) {
      reply(`This chat now goes to ${name} (connected).`);
      return forward;
    }
    const waiting = text === '' ? '' : ' Your message is delivered when it connects.';
    const started = launcher.start(name, by, chat).then((result) => {
      if (!result.ok)
        reply(
          `Could not start ${name}: ${result.message}\nThis chat stays with ${name}${text === '' ? '' : '; your message waits'} (/use auto undoes that).`,
        );
      else if (result.already)
        reply(
          `${name} is already running. This chat now goes to it.${waiting} If it is waiting at a prompt, /screen shows it and /press answers.`,
        );
      else
        reply(
          `${result.message}\nThis chat now goes to ${name}.${waiting} If Claude Code asks something first, /screen shows it and /press answers.`,
        );
    });
    drop(started, this.#deps.log);
    return forward;
  }

  async #screen(name: string, chat: ChatRef, by: string): Promise<void> {
    const result = await screen(this.#deps.projects.launcher, name, by);
    if (!result.ok) {
      this.#deps.notify(chat, result.message, true);
      return;
    }
    const formatted = formatScreen(chat.platform, `🖥 ${name}`, result.text);
    this.#deps.notify(chat, formatted.text, true, formatted.format);
  }

  #background(
    what: 'stop' | 'restart',
    name: string,
    chat: ChatRef,
    by: string,
    reply: (text: string) => void,
  ): void {
    const { launcher } = this.#deps.projects;
    const work = what === 'stop' ? launcher.stop(name, by) : launcher.restart(name, by, chat);
    drop(
      work.then((result) =>
        reply(result.ok ? result.message : `Could not ${what} ${name}: ${result.message}`),
      ),
      this.#deps.log,
    );
  }
}
