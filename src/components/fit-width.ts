/**
 * A block that draws its content at its own width: `draw(render)` calls
 * `render(width)` with the container's current width, and again whenever that
 * width changes (a ResizeObserver, like Framework's `resize`). Until the block
 * is on the page and laid out, nothing is drawn; the observer draws it then.
 */
export interface FitWidth extends HTMLElement {
  /** Shows `render(width)` now (if the width is known) and on every change of width; null shows nothing. */
  draw(render: (width: number) => Node | null): void;
}

export function fitWidth(className = "fit-width"): FitWidth {
  const element = document.createElement("div");
  element.className = className;
  let render: ((width: number) => Node | null) | undefined;
  let width = 0;
  const paint = () => {
    if (!render || width <= 0) return;
    const content = render(width);
    if (content) element.replaceChildren(content);
    else element.replaceChildren();
  };
  new ResizeObserver(([entry]) => {
    const w = Math.floor(entry!.contentRect.width);
    if (w === width) return;
    width = w;
    paint();
  }).observe(element);
  const draw = (next: (width: number) => Node | null) => {
    render = next;
    paint();
  };
  return Object.assign(element, {draw});
}

/**
 * Keeps a chart as wide as its container: calls `resize` with the element's
 * content width whenever it changes (on first layout and when the window or
 * the layout changes), never on a data update.
 */
export function resizeWithContainer(element: HTMLElement & {resize(width: number): void}): void {
  if (typeof ResizeObserver === "undefined") return;
  new ResizeObserver(([entry]) => {
    const width = Math.floor(entry?.contentRect.width ?? 0);
    if (width > 0) element.resize(width);
  }).observe(element);
}
