/** Workshop links for the browser tests: a facilitator's view with three proposals, and a participant's. */
import {readFileSync} from "node:fs";
import path from "node:path";
import {REPO_ROOT} from "../../loaders/config.ts";
import {parseModelText} from "../../src/engine/model.ts";
import {encodeProposal} from "../../src/lib/state/proposal-codec.ts";

export function workshopA11yUrls(): {facilitator: string; participant: string} {
  const file = path.join(REPO_ROOT, "data/models/skk-standard.json");
  const model = parseModelText(readFileSync(file, "utf8"), file);
  const workshop = {model, year: 2022, top: 10, allowKpiWeights: true};
  const kpi = model.indicators[0]!.kpi;
  const codes = [
    encodeProposal(workshop, {name: "Anna", dimensions: {resursatgang: 1, effektivitet: 2, effekt: 3, resultatkvalitet: 1}, indicators: {[kpi]: 2}}),
    encodeProposal(workshop, {name: "Bo", dimensions: {resursatgang: 0.5, effektivitet: 1, effekt: 1, resultatkvalitet: 4}, indicators: {}}),
    encodeProposal(workshop, {name: "", dimensions: {resursatgang: 2.5, effektivitet: 0.3, effekt: 1, resultatkvalitet: 1}, indicators: {[kpi]: 0.5}})
  ];
  const base = "model=skk-standard&year=2022&top=10&kpi=1";
  return {facilitator: `workshop.html?${base}&forslag=${codes.join(",")}`, participant: `workshop.html?roll=deltagare&${base}&namn=Anna`};
}
