/**
 * The projects' sessions under the sessions list: their state, the tmux command to join one, and
 * Start / Stop / Restart.
 */
import type { ProjectView, UiApi } from '../../shared/ui-api';
import { Note, STATE_LABEL, useAction } from './project-common';

/** The projects' sessions with Start / Stop / Restart, for the sessions list. */
export function ProjectSessions(props: { projects: ProjectView[]; ui: UiApi }): React.JSX.Element {
  const { note, act } = useAction();
  return (
    <section aria-label="Project sessions">
      <h2>Project sessions</h2>
      {props.projects.length === 0 && (
        <p className="muted">No projects yet: add one in Settings → Projects.</p>
      )}
      <ul aria-label="Projects">
        {props.projects.map((p) => (
          <li key={p.name} className="row">
            <span>
              <strong>{p.name}</strong> <span className="muted">{STATE_LABEL[p.state]}</span>
              {p.launched && (
                <span className="muted">
                  {' · '}
                  <code>{p.attachCommand}</code>
                </span>
              )}
            </span>
            <span className="actions">
              {p.launched ? (
                <>
                  <button
                    type="button"
                    aria-label={`Restart ${p.name}`}
                    onClick={() => act(() => props.ui.restartProject(p.name))}
                  >
                    Restart
                  </button>
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Stop ${p.name}`}
                    onClick={() => act(() => props.ui.stopProject(p.name))}
                  >
                    Stop
                  </button>
                </>
              ) : (
                p.dir !== null &&
                p.state !== 'attached' && (
                  <button
                    type="button"
                    className="primary"
                    aria-label={`Start ${p.name}`}
                    onClick={() => act(() => props.ui.startProject(p.name))}
                  >
                    Start
                  </button>
                )
              )}
            </span>
          </li>
        ))}
      </ul>
      <Note note={note} />
    </section>
  );
}
