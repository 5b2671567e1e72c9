/** The municipalities that are not ranked, with the reasons; redrawn only when that list changes. */
import type {ScoreResult} from "../engine/index.js";
import {unranked} from "../engine/index.js";

export interface UnrankedList extends HTMLElement {
  update(result: ScoreResult, version: number): void;
}

export function unrankedList(): UnrankedList {
  const element = document.createElement("div") as unknown as UnrankedList;
  element.dataset.testid = "unranked-list";
  let key: string | undefined;
  element.update = (result, version) => {
    const rows = unranked(result);
    const lines = rows.map((r) => `${r.name} (${r.code}): ${r.status} – ${r.reasons.map((x) => x.reason).join("; ")}`);
    const next = lines.join("\n");
    if (next !== key) {
      key = next;
      if (!rows.length) element.textContent = "Alla kommuner är rankade.";
      else {
        const ul = document.createElement("ul");
        ul.dataset.testid = "unranked";
        rows.forEach((r, i) => {
          const li = document.createElement("li");
          li.dataset.municipality = r.code;
          li.textContent = lines[i]!;
          ul.append(li);
        });
        element.replaceChildren(ul);
      }
    }
    element.dataset.version = String(version);
  };
  return element;
}
