/** A colour legend as HTML: a swatch and a label per entry (the colour is never the only cue: the label names it). */
export function legend(entries: readonly {label: string; color: string}[]): HTMLElement {
  const element = document.createElement("div");
  element.className = "legend";
  for (const {label, color} of entries) {
    const item = document.createElement("span");
    item.className = "legend-item";
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = color;
    item.append(swatch, label);
    element.append(item);
  }
  return element;
}
