/**
 * Showing the section a link names (`#settings/projects`): wait until the page has rendered it
 * (a fresh load first shows "Connecting…"), scroll its top to the top of the window, focus its
 * first form control, then hold it there for a moment while content above it is still arriving
 * (prompts, the first-run checklist, lists that load on their own) — but never against the user:
 * a scroll, click, touch or key press ends the hold at once.
 */
import { useEffect } from 'react';
import type { Route } from './route';

export type SectionFocusOptions = {
  /** True while data is still loading that may change the page's layout. */
  busy?: () => boolean;
  /** How long to wait for the section to be rendered before giving up. */
  waitMs?: number;
  /** The longest the section is held in place after the first scroll. */
  holdMs?: number;
  /** The hold ends earlier once nothing has moved and nothing has loaded for this long. */
  quietMs?: number;
};

const WAIT_MS = 15_000;
const HOLD_MS = 5_000;
const QUIET_MS = 600;

/** What a person does to take over the page; each one ends the hold. */
const USER_INPUT = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;

const CONTROLS = 'input:not([type="hidden"]), select, textarea, button';

function usable(el: HTMLElement): boolean {
  return (
    !el.matches(':disabled') && el.closest('[inert]') === null && el.getClientRects().length > 0
  );
}

/**
 * The element a link to `section` should focus: the first usable control of a form in it, else
 * its first control, else — only when it has no control at all — its first link. A link in the
 * section's description must not win over the form it describes.
 */
export function sectionControl(section: HTMLElement): HTMLElement | null {
  const first = (selector: string): HTMLElement | null =>
    [...section.querySelectorAll<HTMLElement>(selector)].find(usable) ?? null;
  return first(`form :is(${CONTROLS})`) ?? first(CONTROLS) ?? first('a[href]');
}

/** Calls `stop` at the first sign of the person taking over: a scroll that was not ours, input. */
function watchUser(
  hold: { placed: number; scrollY: number },
  target: () => HTMLElement | null,
  stop: () => void,
): () => void {
  const onScroll = (): void => {
    // Our own scrolls leave the page at `hold.scrollY`. The browser's scroll anchoring moves the
    // page but keeps the section where we left it. Anything else (a scrollbar drag) is the user.
    if (Math.abs(window.scrollY - hold.scrollY) <= 1) return;
    const el = target();
    if (el && Math.abs(el.getBoundingClientRect().top - hold.placed) > 1) return stop();
    hold.scrollY = window.scrollY;
  };
  const options = { capture: true, passive: true } as const;
  for (const type of USER_INPUT) window.addEventListener(type, stop, options);
  window.addEventListener('scroll', onScroll, { passive: true });
  return () => {
    for (const type of USER_INPUT) window.removeEventListener(type, stop, options);
    window.removeEventListener('scroll', onScroll);
  };
}

/** Calls `found` with the element once it exists, or `expired` if it is not there within `waitMs`. */
function whenRendered(
  id: string,
  waitMs: number,
  found: (el: HTMLElement) => void,
  expired: () => void,
): () => void {
  const now = document.getElementById(id);
  if (now) {
    found(now);
    return () => undefined;
  }
  const observer = new MutationObserver(() => {
    const el = document.getElementById(id);
    if (!el) return;
    cancel();
    found(el);
  });
  const timer = setTimeout(() => {
    observer.disconnect();
    expired();
  }, waitMs);
  const cancel = (): void => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(document.body, { childList: true, subtree: true });
  return cancel;
}

/**
 * Shows the element with id `id` and focuses its control, as described above. Returns the function
 * that cancels it (the route changed, the page unmounted). Scrolling is instant, never smooth, so
 * there is no motion to reduce and the hold never races an animation.
 */
export function showSection(id: string, options: SectionFocusOptions = {}): () => void {
  const busy = options.busy ?? (() => false);
  const holdMs = options.holdMs ?? HOLD_MS;
  const quietMs = options.quietMs ?? QUIET_MS;
  const focusBefore = document.activeElement;
  const hold = { placed: 0, scrollY: 0 };
  let target: HTMLElement | null = null;
  let focused = false;
  let frame = 0;
  const cleanups: Array<() => void> = [];
  const stop = (): void => {
    cancelAnimationFrame(frame);
    for (const cleanup of cleanups.splice(0)) cleanup();
  };

  const place = (el: HTMLElement): void => {
    el.scrollIntoView({ block: 'start', behavior: 'instant' });
    hold.placed = el.getBoundingClientRect().top;
    hold.scrollY = window.scrollY;
  };
  const focus = (el: HTMLElement): void => {
    const control = sectionControl(el);
    if (!control) return;
    focused = true;
    // Not over a control the person (or the page) focused meanwhile; the scroll is ours to make.
    const active = document.activeElement;
    if (active === focusBefore || active === null || active === document.body)
      control.focus({ preventScroll: true });
  };

  let shownAt = 0;
  let lastChange = 0;
  const tick = (now: number): void => {
    if (!target?.isConnected) target = document.getElementById(id);
    if (!target) return stop();
    if (shownAt === 0) shownAt = lastChange = now;
    const top = target.getBoundingClientRect().top;
    const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
    if (Math.abs(top - hold.placed) > 1) lastChange = now;
    // Moved by content above, or not yet at the top because the page was too short below it.
    if (Math.abs(top - hold.placed) > 1 || hold.placed > margin + 1) place(target);
    if (!focused) focus(target);
    if (busy()) lastChange = now;
    if (now - shownAt > holdMs || now - lastChange > quietMs) return stop();
    frame = requestAnimationFrame(tick);
  };

  cleanups.push(watchUser(hold, () => target, stop));
  cleanups.push(
    whenRendered(
      id,
      options.waitMs ?? WAIT_MS,
      (el) => {
        target = el;
        place(el);
        focus(el);
        frame = requestAnimationFrame(tick);
      },
      stop,
    ),
  );
  return stop;
}

/**
 * Shows `route.section` whenever the route is set — a link, Back, a fresh load, the same link
 * clicked again (each gives a new `route` object) — and stops holding it when the route changes.
 */
export function useSectionFocus(route: Route, busy?: () => boolean): void {
  useEffect(() => {
    if (!route.section) return;
    return showSection(route.section, busy ? { busy } : {});
  }, [route, busy]);
}
