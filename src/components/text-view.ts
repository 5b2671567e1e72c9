import {setText} from "./svg.js";

/** A line of text that shows the state it was last given (summary, notes). */
export interface TextView extends HTMLElement {
  update(text: string, version: number): void;
}

export function textView(tag: "p" | "div", className: string, testId?: string): TextView {
  const element = document.createElement(tag) as unknown as TextView;
  element.className = className;
  if (testId) element.dataset.testid = testId;
  element.update = (text, version) => {
    setText(element, text);
    element.dataset.version = String(version);
  };
  return element;
}
