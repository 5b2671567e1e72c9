/**
 * The method of a ranking in words and formulas, generated from the settings
 * actually used (a prepared ranking and its score), for the Rapport page.
 * Pure: no DOM. Each paragraph is a heading and plain text; formulas are
 * written in plain Unicode so they print and copy as they read.
 */
import type {ScoreResult} from "../../engine/index.js";

export interface MethodSection {
  heading: string;
  text: string[];
}

const NORMALISATION_TEXT: Record<string, string[]> = {
  zscore: [
    "Varje nyckeltal standardiseras till z-poäng: z = s · (x − medel) / sd, där medel och sd (stickprovsstandardavvikelse, n − 1) räknas över kommunerna med värde året, och s = +1 om högre är bättre, −1 om lägre är bättre."
  ],
  minmax: ["Varje nyckeltal skalas till 0–100 med min–max: 100 · (x − min) / (max − min) över kommunerna med värde året (vänt när lägre är bättre), så att bästa värdet får 100."],
  percentile: ["Varje nyckeltal ersätts av kommunens percentilrang 0–100 bland kommunerna med värde året (vänd när lägre är bättre); lika värden får samma rang."],
  goalposts: ["Varje nyckeltal skalas mot målstolpar till 0–100: 100 · (x − låg) / (hög − låg), begränsat till 0–100; utan angivna målstolpar används nyckeltalets min och max över alla år."]
};

const METHOD_TEXT: Record<string, string> = {
  "theil-sen":
    "Förbättringen per nyckeltal är Theil–Sen-lutningen (medianen av alla parvisa lutningar) av den riktningsjusterade serien över fönstrets år med värde (minst 3), delad med nyckeltalets sd mellan kommunerna fönstrets första år: I = lutning / sd.",
  national:
    "Förbättringen mäts relativt riket: samma Theil–Sen-lutning, men av kommunens värde minus rikets värde varje år (kommunernas median där riksvärde saknas), delad med sd första året.",
  regression:
    "Förbättringen är justerad för regression mot medelvärdet: residualen när slutårets nivå förklaras av första årets nivå (minsta kvadrat över kommunerna med båda åren och minst 3 år), per år i fönstret, delad med sd första året."
};

/** The method of `result` in Swedish, section by section. */
export function methodSections(result: ScoreResult): MethodSection[] {
  const p = result.prepared;
  const sections: MethodSection[] = [];
  const improvement = p.kind === "improvement";
  if (improvement) {
    const w = p.window!;
    sections.push({
      heading: "Förbättring",
      text: [
        `Fönster: ${w.from}–${w.to} (${w.length} år). ${METHOD_TEXT[p.method ?? "theil-sen"]}`,
        "Ett nyckeltal används i fönstret om första året har minst 3 värden med spridning och minst 3 kommuner har värden både första och sista året (och minst 3 år) – samma regel för alla mått.",
        "Stadighet = andelen förändringar från ett år till nästa (båda åren med värde) i rätt riktning, över kommunens använda nyckeltal med vikt > 0. Den visas bredvid poängen" +
          (result.minSteadiness !== null ? ` och krävs till minst ${Math.round(result.minSteadiness * 100)} % för att rankas.` : ".")
      ]
    });
  } else {
    sections.push({heading: "Normalisering", text: [...NORMALISATION_TEXT[p.normalisation ?? "zscore"]!, "Ett nyckeltal med färre än 3 värden eller utan spridning året lämnas utanför och redovisas."]});
  }
  if (p.winsorise) {
    sections.push({heading: "Extremvärden", text: ["Winsorisering enligt JRC: har ett nyckeltal |skevhet| > 2 och kurtosis > 3,5 ersätts det mest extrema värdet av nästa värde, upp till 5 gånger, innan normaliseringen."]});
  }
  const geometric = p.aggregation === "geometric";
  sections.push({
    heading: "Sammanvägning",
    text: geometric
      ? [
          `Geometriskt medel: dimensionspoängen D(d) = exp(Σ w(k) · ln(v(k) + c) / Σ w(k)) − c över dimensionens nyckeltal som kommunen har, och totalen S = exp(Σ W(d) · ln(D(d) + c) / Σ W(d)) − c över dimensionerna med vikt > 0. Förskjutningen c = max(0, 1 − minsta värde) tas över nyckeltalen med vikt > 0 (här c = ${formatNumber(result.shift)}).`
        ]
      : ["Aritmetiskt medel: dimensionspoängen D(d) = Σ w(k) · v(k) / Σ w(k) över dimensionens nyckeltal som kommunen har, och totalen S = Σ W(d) · D(d) / Σ W(d) över dimensionerna med vikt > 0."]
  });
  sections.push({
    heading: "Täckningsregel och rangordning",
    text: [
      `En kommun rankas om den har värden för minst 2/3 av de användbara nyckeltalen med vikt > 0 (här minst ${result.required} av ${result.usable}) och minst ett sådant nyckeltal i varje dimension med vikt > 0; annars redovisas den som ej rankad med skälet.`,
      "Högst total ger rang 1. Lika totaler skiljs åt av kommunkoden i stigande ordning." +
        (result.grouping === "none" ? "" : ` Rangordningen görs inom ${result.grouping === "kommungrupp" ? "varje kommungrupp" : "varje huvudgrupp"}; poäng och täckningsregel är nationella.`)
    ]
  });
  return sections;
}

/** A number in running Swedish text: up to 4 decimals, decimal comma. */
function formatNumber(x: number): string {
  return new Intl.NumberFormat("sv-SE", {maximumFractionDigits: 4}).format(x);
}
