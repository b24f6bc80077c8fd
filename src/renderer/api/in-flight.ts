/**
 * Counts the UI contract's calls that have not answered yet, so the page can tell whether what it
 * shows may still change size (a section link holds its place while they land: section-focus.ts).
 */
import type { UiApi, UiMethod } from '../../shared/ui-api';
import { UI_METHODS } from '../../shared/ui-api';

export type TrackedUi = {
  /** The same contract; every call is counted until it settles. */
  ui: UiApi;
  /** True while any call is on its way. */
  loading: () => boolean;
};

/** Wraps `ui` (the preload's object or the HTTP client) so its calls in flight are counted. */
export function trackInFlight(ui: UiApi): TrackedUi {
  let inFlight = 0;
  const wrap =
    (method: UiMethod) =>
    (...args: unknown[]): Promise<unknown> => {
      inFlight += 1;
      const call = (ui[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      return call.finally(() => (inFlight -= 1));
    };
  const methods = Object.fromEntries(UI_METHODS.map((m) => [m, wrap(m)])) as unknown as Omit<
    UiApi,
    'subscribe'
  >;
  return {
    ui: { ...methods, subscribe: (listener) => ui.subscribe(listener) },
    loading: () => inFlight > 0,
  };
}
