/**
 * The UI contract's project methods (Settings → Projects, start/stop in the sessions list), acting
 * as the local owner; refusals come back as `UiError` messages.
 */
import type { UiResults } from '../../shared/ui-api';
import type { ProjectService } from '../launcher/project-service';
import type { LaunchResult } from '../launcher/launcher';
import { UiError, type UiHost } from './ui-host';

type ProjectMethods = Pick<
  UiHost,
  'saveProject' | 'removeProject' | 'startProject' | 'stopProject' | 'restartProject'
>;

function answer(result: LaunchResult): UiResults['startProject'] {
  if (!result.ok) throw new UiError(result.message);
  return { message: result.message };
}

export function projectMethods(projects: ProjectService, by: string): ProjectMethods {
  return {
    async saveProject(draft, mode) {
      const saved = await projects.save(draft, mode, by);
      if (!saved.ok) throw new UiError(saved.error);
      return saved.view;
    },
    async removeProject(name) {
      const removed = await projects.remove(name, by);
      if (!removed.ok) throw new UiError(removed.error);
      return { message: removed.message };
    },
    async startProject(name) {
      return answer(await projects.start(name, by));
    },
    async stopProject(name) {
      return answer(await projects.stop(name, by));
    },
    async restartProject(name) {
      return answer(await projects.restart(name, by));
    },
  };
}
