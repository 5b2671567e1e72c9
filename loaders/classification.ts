/**
 * Classifications of municipalities that Kolada's API does not carry as codes.
 *
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

/** Sweden's 21 counties (län) by the two-digit prefix of a municipality code (SCB). */
export const COUNTIES: Readonly<Record<string, string>> = {
  "01": "Stockholms län",
  "03": "Uppsala län",
  "04": "Södermanlands län",
  "05": "Östergötlands län",
  "06": "Jönköpings län",
  "07": "Kronobergs län",
  "08": "Kalmar län",
  "09": "Gotlands län",
  "10": "Blekinge län",
  "12": "Skåne län",
  "13": "Hallands län",
  "14": "Västra Götalands län",
  "17": "Värmlands län",
  "18": "Örebro län",
  "19": "Västmanlands län",
  "20": "Dalarnas län",
  "21": "Gävleborgs län",
  "22": "Västernorrlands län",
  "23": "Jämtlands län",
  "24": "Västerbottens län",
  "25": "Norrbottens län"
};
