/**
 * Frame probe for the ranking pages, shared by the browser benchmark
 * (bench/browser.bench.ts) and the frame test (test/e2e/frame.test.ts).
 *
 * One state change is measured in the page: wait until the page is idle, set
 * a control's value (or click it), dispatch the event, then wait for the next frame — a setTimeout(0)
 * queued from the next requestAnimationFrame callback, i.e. after the
 * browser has run style, layout and paint for that frame. Every element with
 * a `data-version` attribute is read before the change and after that frame.
 *
 * The page convention: every view of a ranking page (table, charts, map,
 * summary, unranked list) carries `data-version`, the version of the state it
 * shows; after a state change every `data-version` on the page is equal to
 * the new state version in the frame that follows the input event. The
 * versions are read twice: as that frame paints them (a ResizeObserver
 * callback, after the frame's requestAnimationFrame callbacks and layout,
 * before paint) and after the frame (in the setTimeout). A view updated in a
 * task that runs after the frame looks current at the second reading but
 * not at the first: it was moved to a later frame.
 *
 * The touch floor is the same measurement on a small fixed box injected by
 * {@link installTouchFloor}: its `<input>`'s handler changes one word in the box.
 */
import type {Page} from "playwright-core";

/** The views each ranking page shows (data-testid); each must carry `data-version` (on itself or inside it). */
export const PAGE_VIEWS: Record<"nominering.html" | "utveckling.html", readonly string[]> = {
  "nominering.html": ["ranking", "contribution-chart", "map", "summary", "unranked-list"],
  "utveckling.html": ["ranking", "trend-chart", "level-change-chart", "summary", "unranked-list"]
};

/** Ranked rows of the ranking table. */
export const ROWS = "[data-testid=ranking] tbody tr[data-municipality]";

/** A state change, done in the page as a user's input would. */
export type Action =
  /** Set `value` on an input or select, then dispatch `events` (default: input). */
  | {kind: "value"; selector: string; value: string; events?: ("input" | "change")[]}
  /** Select exactly `values` in a `<select multiple>`, then dispatch `events` (default: input). */
  | {kind: "options"; selector: string; values: string[]; events?: ("input" | "change")[]}
  /** HTMLElement.click() (a trusted-looking click event, dispatched synchronously). */
  | {kind: "click"; selector: string};

/** One element carrying `data-version`: the nearest data-testid (itself or an ancestor) and its version. */
export interface VersionedElement {
  view: string;
  version: string;
}

export interface FrameSample {
  /** dispatch → the event handlers have returned (ms) */
  sync: number;
  /** dispatch → the next frame has been rendered (rAF + setTimeout 0) (ms) */
  rendered: number;
  /** every [data-version] on the page just before the dispatch, and after that frame */
  before: VersionedElement[];
  after: VersionedElement[];
  /**
   * every [data-version] as the frame paints it (null if the probe saw no frame): read after
   * the frame's requestAnimationFrame callbacks and layout, before paint
   */
  painted: VersionedElement[] | null;
}

/**
 * tsx and vitest compile with esbuild's keepNames, which wraps named functions
 * in `__name(...)`; functions sent to the page need that helper too. Call before page.goto.
 */
export async function allowCompiledFunctions(page: Page): Promise<void> {
  await page.addInitScript({content: "globalThis.__name = globalThis.__name || ((fn) => fn);"});
}

/**
 * Performs `action` in the page and waits one frame; see the module comment.
 * First (unless `settle` is false) it waits until the page is idle
 * (requestIdleCallback, at most 500 ms), so that work left over from an
 * earlier change is not counted against this one.
 */
export async function changeAndWaitFrame(page: Page, action: Action, {settle = true}: {settle?: boolean} = {}): Promise<FrameSample> {
  return page.evaluate(async ({action, settle}) => {
    if (settle) await new Promise<void>((resolve) => requestIdleCallback(() => resolve(), {timeout: 500}));
    const read = () =>
      Array.from(document.querySelectorAll<HTMLElement>("[data-version]"), (el) => ({
        view: el.closest("[data-testid]")?.getAttribute("data-testid") ?? (el.id || el.tagName.toLowerCase()),
        version: el.getAttribute("data-version") ?? ""
      }));
    const el = document.querySelector<HTMLElement>(action.selector);
    if (!el) throw new Error(`no element ${action.selector}`);
    const before = read();
    if (action.kind === "value") (el as HTMLInputElement | HTMLSelectElement).value = action.value;
    if (action.kind === "options") for (const o of Array.from((el as HTMLSelectElement).options)) o.selected = action.values.includes(o.value);
    // What the frame paints: read in a ResizeObserver callback, which runs in the frame's
    // rendering update after every requestAnimationFrame callback and layout, before paint.
    type Probe = {arm(callback: () => void): void};
    const w = window as unknown as {__frameProbe?: Probe};
    if (!w.__frameProbe) {
      const box = document.createElement("div");
      box.style.cssText = "position:fixed;left:0;top:0;width:1px;height:1px;visibility:hidden;pointer-events:none;contain:strict";
      document.body.append(box);
      let pending: (() => void) | undefined;
      new ResizeObserver(() => {
        const callback = pending;
        pending = undefined;
        callback?.();
      }).observe(box);
      w.__frameProbe = {
        arm(callback) {
          pending = callback;
          box.style.width = box.style.width === "1px" ? "2px" : "1px";
        }
      };
    }
    const probe = w.__frameProbe;
    let painted: ReturnType<typeof read> | null = null;
    const t0 = performance.now();
    if (action.kind === "click") el.click();
    else for (const type of action.events ?? ["input"]) el.dispatchEvent(new Event(type, {bubbles: true}));
    const t1 = performance.now();
    requestAnimationFrame(() => probe.arm(() => (painted = read())));
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const t2 = performance.now();
    return {sync: t1 - t0, rendered: t2 - t0, before, painted, after: read()};
  }, {action, settle});
}

/** Every [data-version] on the page now, as {@link changeAndWaitFrame} reads them. */
export async function readVersions(page: Page): Promise<VersionedElement[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>("[data-version]"), (el) => ({
      view: el.closest("[data-testid]")?.getAttribute("data-testid") ?? (el.id || el.tagName.toLowerCase()),
      version: el.getAttribute("data-version") ?? ""
    }))
  );
}

/** A weight slider move: `[data-testid="weight-<id>"]` set to `value`, one input event. */
export function weightChange(id: string, value: number): Action {
  return {kind: "value", selector: `[data-testid="weight-${id}"]`, value: String(value)};
}

export interface FrameCheck {
  /** the highest version after the frame (NaN when no element carries one) */
  version: number;
  /** elements whose version after the frame differs from the highest */
  stale: VersionedElement[];
  /** the highest version after the frame is above the highest before */
  advanced: boolean;
  /**
   * elements that the frame painted with an older version than the page had after it
   * (a view updated in a task after that frame: moved to a later frame); all of them when
   * the frame could not be observed
   */
  late: VersionedElement[];
}

/** Versions are numbers; stale = not equal to the newest version on the page after the frame. */
export function checkFrame(sample: Pick<FrameSample, "before" | "after" | "painted">): FrameCheck {
  const max = (xs: VersionedElement[]) => (xs.length ? Math.max(...xs.map((x) => Number(x.version))) : NaN);
  const version = max(sample.after);
  const before = max(sample.before);
  return {
    version,
    stale: sample.after.filter((x) => Number(x.version) !== version),
    advanced: Number.isFinite(version) && (!Number.isFinite(before) || version > before),
    late: (sample.painted ?? sample.after).filter((x) => sample.painted === null || Number(x.version) !== version)
  };
}

/** The views of `views` (data-testids) that are missing from the page or carry no `data-version` (itself or inside). */
export async function viewsWithoutVersion(page: Page, views: readonly string[]): Promise<string[]> {
  return page.evaluate(
    (views) =>
      views.filter((id) => {
        const el = document.querySelector(`[data-testid="${id}"]`);
        return !el || !(el.hasAttribute("data-version") || el.querySelector("[data-version]"));
      }),
    [...views]
  );
}

/** Waits until a ranking page has its table rows and every view drawn (the map, the trend charts), then two frames. */
export async function waitForRankingPage(page: Page, file: string, timeout = 60_000): Promise<void> {
  await page.waitForSelector(ROWS, {timeout});
  if (file.startsWith("nominering")) await page.waitForSelector("[data-testid=map] svg", {timeout});
  if (file.startsWith("utveckling")) {
    await page.waitForSelector("[data-testid=trend-chart] svg", {timeout});
    await page.waitForSelector("[data-testid=level-change-chart] canvas", {timeout});
  }
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
}

/** Selector of the touch floor's input; {@link touchChange} makes an action for it. */
export const TOUCH_INPUT = "#bench-touch-input";

const TOUCH_WORDS = ["alfa", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"];

/**
 * Injects the touch-floor box: position:fixed, fixed size, contain:strict, an
 * `<input>` and one word; the input's handler writes the input's value as the word.
 */
export async function installTouchFloor(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (document.getElementById("bench-touch")) return;
    const box = document.createElement("div");
    box.id = "bench-touch";
    box.style.cssText =
      "position:fixed;right:8px;bottom:8px;width:200px;height:48px;contain:strict;overflow:hidden;z-index:2147483647;" +
      "background:#fff;border:1px solid #999;font:12px/16px sans-serif;padding:2px;box-sizing:border-box";
    const input = document.createElement("input");
    input.id = "bench-touch-input";
    input.type = "text";
    input.value = "alfa";
    input.style.cssText = "display:block;width:180px;height:20px;box-sizing:border-box";
    const line = document.createElement("div");
    const word = document.createElement("span");
    word.id = "bench-touch-word";
    word.textContent = "alfa";
    line.append("touch floor: ", word);
    input.addEventListener("input", () => {
      word.textContent = input.value;
    });
    box.append(input, line);
    document.body.append(box);
  });
}

/** The i-th touch: a different word each time. */
export function touchChange(i: number): Action {
  return {kind: "value", selector: TOUCH_INPUT, value: TOUCH_WORDS[(i + 1) % TOUCH_WORDS.length]!};
}
