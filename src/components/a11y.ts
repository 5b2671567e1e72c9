/**
 * Small accessibility helpers shared by the views (README "Tillgänglighet").
 */

/**
 * A box that scrolls its content (a wide or long table) made reachable from
 * the keyboard: focusable, so arrow keys scroll it (WCAG 2.1.1), and named as
 * a region for screen readers.
 */
export function scrollRegion<T extends HTMLElement>(box: T, label: string): T {
  box.tabIndex = 0;
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", label);
  return box;
}

/**
 * A Plot chart as one image with a name for assistive technology. Plot names
 * its groups of marks ("tick", "dot", …) with `aria-label` on `<g>`, which
 * ARIA does not allow on an element without a role and which says nothing to
 * a listener; those names move to `data-mark`, the chart's SVG becomes `role="img"`
 * named `label`, and legend swatches and colour ramps (their words are in the
 * legend's text) are hidden from assistive technology.
 */
export function plotImage<T extends Element>(plot: T, label: string): T {
  const svgs = plot instanceof SVGSVGElement ? [plot] : [...plot.querySelectorAll("svg")];
  for (const svg of svgs) {
    // Kept as data-mark ("geo", "cell", …) so code and tests can still find a mark's group.
    for (const g of svg.querySelectorAll("g[aria-label]")) {
      g.setAttribute("data-mark", g.getAttribute("aria-label")!);
      g.removeAttribute("aria-label");
    }
    if (svg.closest("[class*=swatch]") || svg.matches("[class*=ramp]") || svg.parentElement?.closest("svg")) {
      svg.setAttribute("aria-hidden", "true");
    } else {
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", label);
    }
  }
  return plot;
}

/** A table in a box that scrolls it sideways when it is wider than the page (WCAG 1.4.10: the page itself never does). */
export function scrollTable(table: HTMLTableElement, label: string): HTMLElement {
  const box = document.createElement("div");
  box.className = "table-scroll-x";
  box.append(table);
  return scrollRegion(box, label);
}
