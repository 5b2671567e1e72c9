/**
 * The live Kolada v3 API as a source, with a raw-response cache in
 * `data/cache/live/`. The cache is replaced only after a complete fetch, so a
 * failed or partial fetch never overwrites good data.
 */
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import path from "node:path";
import type {Model} from "../src/engine/model.ts";
import {RIKET_CODE} from "../src/engine/types.ts";
import {createKoladaClient, type KoladaClientOptions, type KoladaDataRow} from "./kolada/client.ts";
import {COUNTIES, KOMMUNGRUPPER, kommungruppByGroupId} from "./classification.ts";
import {modelKpiRoles, unitFromTitle} from "./kpi-meta.ts";
import type {KoladaDataset, KpiRecord, MunicipalityRecord, ValueRecord} from "./types.ts";

/** What a complete live fetch stores: the API's rows, as validated by the client. */
export interface LiveRaw {
  fetchedAt: string;
  baseUrl: string;
  kpiIds: string[];
  years: number[];
  data: KoladaDataRow[];
  kpis: {id: string; title: string; description?: string | null; is_divided_by_gender?: boolean | null; operating_area?: string | null}[];
  municipalities: {id: string; title: string; type: string}[];
  groups: {id: string; title: string; members: {member_id: string; member_title?: string}[]}[];
}

const RAW_FILE = "raw.json";

/** Fetches everything the app needs from the API. Throws on any failure; never returns partial data. */
export async function fetchLive(
  baseUrl: string,
  kpiIds: readonly string[],
  years: readonly number[],
  clientOptions: KoladaClientOptions = {}
): Promise<LiveRaw> {
  const client = createKoladaClient({...clientOptions, baseUrl});
  const [data, kpis, kommuner, groups] = await Promise.all([
    client.getData({kpis: [...kpiIds], years: [...years]}),
    client.getKpis([...kpiIds]),
    client.getMunicipalities("K"),
    client.getMunicipalityGroups()
  ]);
  const wantedGroups = new Set(KOMMUNGRUPPER.map((g) => g.koladaGroupId));
  return {
    fetchedAt: new Date().toISOString(),
    baseUrl,
    kpiIds: [...kpiIds],
    years: [...years],
    data,
    kpis: kpis as LiveRaw["kpis"],
    municipalities: kommuner as LiveRaw["municipalities"],
    groups: (groups as LiveRaw["groups"]).filter((g) => wantedGroups.has(g.id))
  };
}

/** The cached raw fetch, or undefined when there is none or it is unreadable or malformed. */
export function readLiveCache(cacheDir: string): LiveRaw | undefined {
  const file = path.join(cacheDir, "live", RAW_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const raw = JSON.parse(readFileSync(file, "utf8")) as LiveRaw;
    const arrays = [raw.kpiIds, raw.years, raw.data, raw.kpis, raw.municipalities, raw.groups];
    const ok = typeof raw.fetchedAt === "string" && !Number.isNaN(Date.parse(raw.fetchedAt)) && typeof raw.baseUrl === "string" && arrays.every(Array.isArray);
    return ok ? raw : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces the cache in one step: write a temp file beside it, then rename it over `raw.json`. */
export function writeLiveCache(cacheDir: string, raw: LiveRaw): void {
  const dir = path.join(cacheDir, "live");
  mkdirSync(dir, {recursive: true});
  const tmp = path.join(dir, `.${RAW_FILE}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, JSON.stringify(raw));
    renameSync(tmp, path.join(dir, RAW_FILE));
  } finally {
    rmSync(tmp, {force: true});
  }
}

/** Turns a raw live fetch into the normalised data set. */
export function datasetFromLive(raw: LiveRaw, models: readonly Model[], kind: "live" | "cache"): KoladaDataset {
  const values: ValueRecord[] = [];
  const kommunCodes = new Set(raw.municipalities.filter((m) => m.type === "K").map((m) => m.id));
  for (const row of raw.data) {
    if (row.value === null || !Number.isFinite(row.value)) continue; // missing stays missing
    if (row.municipality !== RIKET_CODE && !kommunCodes.has(row.municipality)) continue;
    values.push({kpi: row.kpi, municipality_code: row.municipality, year: row.year, gender: row.gender, value: row.value});
  }
  values.sort((a, b) => cmp(a.kpi, b.kpi) || cmp(a.municipality_code, b.municipality_code) || a.year - b.year || cmp(a.gender, b.gender));
  return {
    source: {kind, location: raw.baseUrl, date: raw.fetchedAt.slice(0, 10)},
    municipalities: municipalitiesFromLive(raw, values),
    kpis: kpisFromLive(raw, models),
    values
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function municipalitiesFromLive(raw: LiveRaw, values: readonly ValueRecord[]): MunicipalityRecord[] {
  const groupOf = new Map<string, string>();
  for (const g of raw.groups) for (const m of g.members) groupOf.set(m.member_id, g.id);
  const population = new Map<string, {value: number; year: number}>();
  for (const v of values) {
    if (v.kpi !== "N01951" || v.gender !== "T") continue;
    const prev = population.get(v.municipality_code);
    if (!prev || v.year > prev.year) population.set(v.municipality_code, {value: Math.round(v.value), year: v.year});
  }
  return raw.municipalities
    .filter((m) => m.type === "K")
    .map((m) => {
      const group = kommungruppByGroupId(groupOf.get(m.id) ?? "");
      const pop = population.get(m.id);
      return {
        code: m.id,
        name: m.title,
        countyCode: m.id.slice(0, 2),
        county: COUNTIES[m.id.slice(0, 2)] ?? "",
        kommungrupp: group?.code ?? "",
        kommungruppName: group?.name ?? "",
        mainGroup: group?.mainGroup ?? "",
        population: pop?.value ?? null,
        populationYear: pop?.year ?? null
      };
    })
    .sort((a, b) => cmp(a.code, b.code));
}

function kpisFromLive(raw: LiveRaw, models: readonly Model[]): KpiRecord[] {
  const roles = modelKpiRoles(models);
  const meta = new Map(raw.kpis.map((k) => [k.id, k]));
  return raw.kpiIds.map((id) => {
    const k = meta.get(id);
    const role = roles.get(id);
    return {
      id,
      title: k?.title ?? id,
      description: k?.description ?? "",
      unit: k ? unitFromTitle(k.title) : null,
      direction: role?.direction ?? null,
      dimension: role?.dimension ?? null,
      isDividedByGender: Boolean(k?.is_divided_by_gender),
      operatingArea: k?.operating_area ?? null
    };
  });
}
