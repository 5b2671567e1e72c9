/**
 * Accessibility and layout probes for the browser tests (test/e2e/accessibility.test.ts):
 * axe-core's WCAG 2.0/2.1 A and AA rules, and a probe that counts overlapping
 * pairs of visible controls, tables, charts and headings plus the page's
 * horizontal overflow.
 */
import AxeBuilder from "@axe-core/playwright";
import type {Page} from "playwright-core";

/** The axe tags of WCAG 2.0 and 2.1, levels A and AA (issue 11). */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface AxeViolation {
  id: string;
  impact: string | null;
  /** Number of elements. */
  count: number;
  /** The first few elements' selectors and axe's summary for them. */
  nodes: string[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const results = await new AxeBuilder({page}).withTags(WCAG_TAGS).analyze();
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    count: v.nodes.length,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(0, 2).join(" ") ?? ""}`)
  }));
}

/** One line per violation, for a readable failure message. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}, ${v.count}): ${v.nodes.join(" | ")}`).join("\n");
}

export interface LayoutProbe {
  /** Overlapping pairs of visible controls, tables, charts and headings, described. */
  overlaps: string[];
  /** How far the page scrolls sideways (CSS px; 0 when it does not). */
  overflowX: number;
}

/**
 * Counts overlapping pairs of visible controls (inputs, selects, buttons,
 * links, summaries, outputs), tables, charts (SVG, canvas, chart boxes) and
 * headings, as drawn: each element's boxes clipped by every ancestor that
 * clips (overflow other than visible, paint containment). An element inside a
 * table or chart counts as part of it; pairs where one contains the other are
 * not overlaps; boxes must share more than 1 px both ways. Also reports the
 * page's horizontal overflow.
 */
export async function layoutProbe(page: Page): Promise<LayoutProbe> {
  // Scripts run through tsx (esbuild's keepNames) wrap named functions in __name(); give the page one.
  await page.evaluate("globalThis.__name ??= (f) => f");
  return page.evaluate(() => {
    const ATOMIC = "table, [role=table], svg, canvas, .chart, .score-map, .layered, .cm-editor";
    const CONTROLS = "input:not([type=hidden]), select, textarea, button, a[href], summary, output, [role=slider], [role=button]";
    const HEADINGS = "h1, h2, h3, h4, h5, h6";
    type Box = {left: number; top: number; right: number; bottom: number};
    const intersect = (a: Box, b: Box): Box => ({
      left: Math.max(a.left, b.left),
      top: Math.max(a.top, b.top),
      right: Math.min(a.right, b.right),
      bottom: Math.min(a.bottom, b.bottom)
    });
    const empty = (b: Box) => b.right - b.left <= 1 || b.bottom - b.top <= 1;
    const clips = (el: Element) => {
      const s = getComputedStyle(el);
      return s.overflowX !== "visible" || s.overflowY !== "visible" || /paint|strict|content/.test(s.contain);
    };
    function visibleBoxes(el: Element): Box[] {
      // Not rendered: display none, inside a closed <details> (content-visibility: hidden), invisible, transparent.
      if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) return [];
      let boxes: Box[] = [...el.getClientRects()].map((r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom}));
      for (let a = el.parentElement; a && a !== document.documentElement && a !== document.body; a = a.parentElement) {
        if (!clips(a)) continue;
        const r = a.getBoundingClientRect();
        boxes = boxes.map((b) => intersect(b, r));
      }
      return boxes.filter((b) => !empty(b));
    }
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : "";
      const testId = el.getAttribute("data-testid") ? `[data-testid=${el.getAttribute("data-testid")}]` : "";
      const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 30);
      return `${el.tagName.toLowerCase()}${id}${testId}${cls}${text ? ` "${text}"` : ""}`;
    };
    const atomic = [...document.querySelectorAll(ATOMIC)].filter((el) => !el.parentElement?.closest(ATOMIC));
    const others = [...document.querySelectorAll(`${CONTROLS}, ${HEADINGS}`)].filter((el) => !el.closest(ATOMIC));
    const items = [...atomic, ...others].map((el) => ({el, boxes: visibleBoxes(el)})).filter((i) => i.boxes.length > 0);
    const overlaps: string[] = [];
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i]!;
        const b = items[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        if (a.boxes.some((x) => b.boxes.some((y) => !empty(intersect(x, y))))) overlaps.push(`${describe(a.el)} × ${describe(b.el)}`);
      }
    }
    const root = document.documentElement;
    return {overlaps, overflowX: Math.max(0, root.scrollWidth - root.clientWidth)};
  });
}
