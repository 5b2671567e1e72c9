/**
 * SKR's municipality classification 2023 ("kommungrupper"): 9 groups in 3 main
 * groups. Kolada publishes each group as a municipality group with an id; the
 * codes A1-C9 and the main groups are SKR's and not in the API, so they live here.
 */
export interface Kommungrupp {
  code: string;
  name: string;
  mainGroup: string;
  koladaGroupId: string;
}

const A = "Storstäder och storstadsnära kommuner";
const B = "Större städer och kommuner nära större stad";
const C = "Mindre städer/tätorter och landsbygdskommuner";

export const KOMMUNGRUPPER: readonly Kommungrupp[] = [
  {code: "A1", name: "Storstäder", mainGroup: A, koladaGroupId: "G92787"},
  {code: "A2", name: "Pendlingskommun nära storstad", mainGroup: A, koladaGroupId: "G92793"},
  {code: "B3", name: "Större stad", mainGroup: B, koladaGroupId: "G92790"},
  {code: "B4", name: "Pendlingskommun nära större stad", mainGroup: B, koladaGroupId: "G92792"},
  {code: "B5", name: "Lågpendlingskommun nära större stad", mainGroup: B, koladaGroupId: "G92786"},
  {code: "C6", name: "Mindre stad/tätort", mainGroup: C, koladaGroupId: "G92788"},
  {code: "C7", name: "Pendlingskommun nära mindre tätort", mainGroup: C, koladaGroupId: "G92789"},
  {code: "C8", name: "Landsbygdskommun", mainGroup: C, koladaGroupId: "G92791"},
  {code: "C9", name: "Landsbygdskommun med besöksnäring", mainGroup: C, koladaGroupId: "G92794"}
];

export function kommungruppByGroupId(groupId: string): Kommungrupp | undefined {
  return KOMMUNGRUPPER.find((g) => g.koladaGroupId === groupId);
}
