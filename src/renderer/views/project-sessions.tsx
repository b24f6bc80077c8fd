/**
 * The projects' sessions under the Sessions tab, one card each like the Claude Code sessions above
 * them: state, directory, when it started and was last active, the tmux command to join it at the
 * computer (with Copy), and Start / Stop / Restart.
 */
import type { ProjectView, UiApi } from '../../shared/ui-api';
import { ago } from '../format';
import { CopyLine } from './connect-claude';
import { Note, STATE_LABEL, useAction } from './project-common';

/** What a state means for the owner, where it asks something of them. */
function stateHint(p: ProjectView): string | null {
  if (p.dir === null) return 'Its project was removed; this session still runs until you stop it.';
  if (p.state === 'running')
    return 'Claude Code is running but has not connected: it may be waiting at a prompt (development channels, folder trust). Join it with the command below, or send /screen from a chat.';
  return null;
}

function Buttons(props: {
  p: ProjectView;
  busy: boolean;
  act: (run: () => Promise<unknown>) => void;
  ui: UiApi;
}): React.JSX.Element | null {
  const { p, busy, act, ui } = props;
  if (p.launched)
    return (
      <div className="actions">
        <button
          type="button"
          aria-label={`Restart ${p.name}`}
          disabled={busy}
          onClick={() => act(() => ui.restartProject(p.name))}
        >
          Restart
        </button>
        <button
          type="button"
          className="danger"
          aria-label={`Stop ${p.name}`}
          disabled={busy}
          onClick={() => act(() => ui.stopProject(p.name))}
        >
          Stop
        </button>
      </div>
    );
  // A session started by hand under the project's name is not ours to start or stop.
  if (p.dir === null || p.state === 'attached') return null;
  return (
    <div className="actions">
      <button
        type="button"
        className="primary"
        aria-label={`Start ${p.name}`}
        disabled={busy || p.state === 'starting'}
        onClick={() => act(() => ui.startProject(p.name))}
      >
        Start
      </button>
    </div>
  );
}

/** One project; the hub's answer to its buttons shows in the card. */
function ProjectCard(props: { p: ProjectView; now: number; ui: UiApi }): React.JSX.Element {
  const { p, now } = props;
  const { note, busy, act } = useAction();
  const hint = stateHint(p);
  return (
    <li className={`card session project ${p.state}`}>
      <div className="session-head">
        <strong>{p.name}</strong>
        <span className={`pill ${p.state}`}>{STATE_LABEL[p.state]}</span>
        {p.wake && <span className="pill">wakes on messages</span>}
      </div>
      {p.dir !== null && (
        <p className="cwd" title={p.dir}>
          {p.dir}
        </p>
      )}
      {hint && <p className={p.dir === null ? 'error' : 'hint muted'}>{hint}</p>}
      <dl className="facts">
        {p.startedAt !== null && (
          <>
            <dt>Started</dt>
            <dd>{ago(p.startedAt, now)}</dd>
          </>
        )}
        {p.lastActivityAt !== null && (
          <>
            <dt>Last active</dt>
            <dd>{ago(p.lastActivityAt, now)}</dd>
          </>
        )}
        <dt>Idle stop</dt>
        <dd>{p.idleStopMinutes === 0 ? 'never' : `after ${p.idleStopMinutes} min`}</dd>
      </dl>
      {p.launched && <CopyLine label={`the command that joins ${p.name}`} text={p.attachCommand} />}
      <Buttons p={p} busy={busy} act={act} ui={props.ui} />
      <Note note={note} />
    </li>
  );
}

/** The projects' sessions with Start / Stop / Restart, for the Sessions tab. */
export function ProjectSessions(props: {
  projects: ProjectView[];
  ui: UiApi;
  now: number;
}): React.JSX.Element {
  return (
    <section id="project-sessions" aria-labelledby="project-sessions-title">
      <h2 id="project-sessions-title">Project sessions</h2>
      {props.projects.length === 0 && (
        <p className="notice">
          No projects yet. <a href="#settings/projects">Add one in Settings → Projects</a> to start
          its Claude Code from here or from a chat with /new.
        </p>
      )}
      <ul aria-label="Projects">
        {props.projects.map((p) => (
          <ProjectCard key={p.name} p={p} now={props.now} ui={props.ui} />
        ))}
      </ul>
    </section>
  );
}
