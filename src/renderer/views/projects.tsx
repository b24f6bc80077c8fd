/**
 * Settings → Projects: add, edit and remove projects (the hub checks the name and that the
 * directory exists), how launched sessions turn the channel on, and whether owners may send keys
 * to them from chats.
 */
import { useState } from 'react';
import type { ProjectDraft, ProjectView, SettingsView, UiApi } from '../../shared/ui-api';
import { joinArgs, Note, splitArgs, useAction } from './project-common';

type Draft = {
  name: string;
  dir: string;
  resume: boolean;
  wake: boolean;
  args: string;
  idle: string;
};
const EMPTY: Draft = { name: '', dir: '', resume: false, wake: false, args: '', idle: '120' };

function toDraft(p: ProjectView): Draft {
  return {
    name: p.name,
    dir: p.dir ?? '',
    resume: p.resume,
    wake: p.wake,
    args: joinArgs(p.args),
    idle: String(p.idleStopMinutes),
  };
}

/** "continues · wakes on messages · idle stop after 120 min · --model opus" */
function summary(p: ProjectView): string {
  return [
    p.resume ? 'continues the last conversation' : null,
    p.wake ? 'wakes on messages' : null,
    p.idleStopMinutes === 0 ? 'no idle stop' : `idle stop after ${p.idleStopMinutes} min`,
    p.args.length > 0 ? joinArgs(p.args) : null,
  ]
    .filter((part) => part !== null)
    .join(' · ');
}

function ProjectForm(props: {
  initial: Draft;
  editing: boolean;
  onSave: (draft: ProjectDraft) => void;
  onCancel?: () => void;
}): React.JSX.Element {
  const [draft, setDraft] = useState<Draft>(props.initial);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void =>
    setDraft({ ...draft, [key]: value });
  const save = (): void =>
    props.onSave({
      name: draft.name.trim(),
      dir: draft.dir.trim(),
      resume: draft.resume,
      wake: draft.wake,
      args: splitArgs(draft.args),
      idleStopMinutes: Number(draft.idle),
    });
  return (
    <form
      className="card project-form"
      aria-label={props.editing ? `Edit ${draft.name}` : 'Add a project'}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h3>{props.editing ? `Edit ${draft.name}` : 'Add a project'}</h3>
      <label>
        Name
        <input
          value={draft.name}
          disabled={props.editing}
          onChange={(e) => set('name', e.target.value)}
          placeholder="billing"
        />
      </label>
      <label>
        Directory
        <input
          value={draft.dir}
          onChange={(e) => set('dir', e.target.value)}
          placeholder="/Users/you/src/billing"
          spellCheck={false}
        />
      </label>
      <label>
        Claude Code arguments
        <input
          value={draft.args}
          onChange={(e) => set('args', e.target.value)}
          placeholder="--model opus --permission-mode acceptEdits"
          spellCheck={false}
        />
      </label>
      <label className="row">
        Continue the last conversation (--continue)
        <input
          type="checkbox"
          checked={draft.resume}
          onChange={(e) => set('resume', e.target.checked)}
        />
      </label>
      <label className="row">
        Start when a message comes for it
        <input
          type="checkbox"
          checked={draft.wake}
          onChange={(e) => set('wake', e.target.checked)}
        />
      </label>
      <label className="row">
        Stop after this many idle minutes (0: never)
        <input
          type="number"
          min={0}
          step={1}
          value={draft.idle}
          onChange={(e) => set('idle', e.target.value)}
        />
      </label>
      <div className="actions">
        <button type="submit" className="primary">
          {props.editing ? 'Save project' : 'Add project'}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** Settings → Projects. */
export function ProjectsSettings(props: {
  projects: ProjectView[];
  settings: SettingsView;
  ui: UiApi;
}): React.JSX.Element {
  const { note, act } = useAction();
  const [editing, setEditing] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const configured = props.projects.filter((p) => p.dir !== null);
  return (
    <section id="projects" aria-label="Projects">
      <h2>Projects</h2>
      <p className="muted">
        Switchboard starts a project’s Claude Code in a terminal you can join (tmux), from the{' '}
        <a href="#sessions/project-sessions">Sessions tab</a> or from a chat with /new.
      </p>
      <ul>
        {configured.map((p) =>
          editing === p.name ? (
            <li key={p.name}>
              <ProjectForm
                initial={toDraft(p)}
                editing
                onCancel={() => setEditing(null)}
                onSave={(draft) =>
                  act(
                    () => props.ui.saveProject(draft, 'update').then(() => setEditing(null)),
                    `Saved ${p.name}.`,
                  )
                }
              />
            </li>
          ) : (
            <li key={p.name} className="row">
              <span className="project-summary">
                <strong>{p.name}</strong> <span className="cwd">{p.dir}</span>
                <span className="muted">{summary(p)}</span>
              </span>
              <span className="actions">
                <button
                  type="button"
                  aria-label={`Edit ${p.name}`}
                  onClick={() => setEditing(p.name)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="danger"
                  aria-label={`Remove ${p.name}`}
                  onClick={() => act(() => props.ui.removeProject(p.name))}
                >
                  Remove
                </button>
              </span>
            </li>
          ),
        )}
      </ul>
      <ProjectForm
        key={formKey}
        initial={EMPTY}
        editing={false}
        onSave={(draft) =>
          act(
            () => props.ui.saveProject(draft, 'add').then(() => setFormKey((k) => k + 1)),
            `Added ${draft.name}.`,
          )
        }
      />
      <Note note={note} />
      <label className="row">
        Channel flag
        <select
          value={props.settings.launcherChannel}
          onChange={(e) =>
            act(() => props.ui.updateSettings({ launcherChannel: e.target.value as 'plugin' }))
          }
        >
          <option value="development">Development channel flag (confirm at each start)</option>
          <option value="plugin">Plugin (organisations that allow it)</option>
        </select>
      </label>
      <label className="row">
        Owners may send keys and text to sessions from chats (/press, /type)
        <input
          type="checkbox"
          checked={props.settings.remoteKeys}
          onChange={(e) => act(() => props.ui.updateSettings({ remoteKeys: e.target.checked }))}
        />
      </label>
    </section>
  );
}
