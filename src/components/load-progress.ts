/** What the page is loading, with a progress bar, until the data is ready (then it hides itself). */
import type {LoadProgress} from "../lib/data/workbench.js";

export interface LoadProgressView extends HTMLElement {
  update(progress: LoadProgress): void;
  done(): void;
}

export function loadProgress(): LoadProgressView {
  const element = document.createElement("div") as unknown as LoadProgressView;
  element.className = "load-progress";
  element.dataset.testid = "load-progress";
  element.setAttribute("role", "status");
  element.setAttribute("aria-live", "polite");
  const bar = document.createElement("progress");
  bar.max = 1;
  bar.value = 0;
  const text = document.createElement("span");
  text.textContent = "Laddar data …";
  element.append(bar, " ", text);
  element.update = ({done, total, step}) => {
    bar.max = total;
    bar.value = done;
    text.textContent = `${step} (${done} av ${total}) …`;
  };
  element.done = () => {
    element.hidden = true;
  };
  return element;
}
