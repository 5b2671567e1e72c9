/**
 * Zod schemas for the Kolada v3 API responses (https://api.kolada.se/v3/).
 *
 * Objects are "loose": unknown extra fields pass through untouched, but every field the
 * workbench relies on is checked strictly, so API drift fails loudly instead of producing
 * silently wrong data.
 */
import { z } from "zod";

/** `next_url` / `previous_url`: absent, null or "" all mean "no such page". */
const pageLink = z.string().nullable().optional();

/**
 * The paginated envelope every v3 list endpoint returns. `count` counts the rows of this
 * page only (not the total), so it is validated for type but not used for paging.
 */
export function envelopeSchema<Row extends z.ZodType>(row: Row) {
  return z.looseObject({
    values: z.array(row),
    count: z.number().int().nonnegative().optional(),
    next_url: pageLink,
    previous_url: pageLink,
  });
}

/** A page of any row type, as returned by {@link envelopeSchema}. */
export type KoladaEnvelope<Row> = {
  values: Row[];
  count?: number | undefined;
  next_url?: string | null | undefined;
  previous_url?: string | null | undefined;
};

/** Kolada gender codes: T total, K women (kvinnor), M men (män). */
export const genderSchema = z.enum(["T", "K", "M"]);

/** One gender breakdown inside a data row. `value: null` means missing, never 0. */
export const dataValueSchema = z.looseObject({
  gender: genderSchema,
  value: z.number().nullable(),
  count: z.number().nullable().optional(),
  status: z.string().nullable().optional(),
});

/** One data row: a KPI value for one area and one year, split by gender. */
export const dataRowSchema = z.looseObject({
  kpi: z.string().min(1),
  municipality: z.string().min(1),
  period: z.number().int(),
  values: z.array(dataValueSchema),
});

/** KPI metadata (`/v3/kpi`). */
export const kpiSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  description: z.string(),
  is_divided_by_gender: z.boolean(),
  /** K kommun, L region, A both. */
  municipality_type: z.enum(["K", "L", "A"]),
  operating_area: z.string(),
  /** Empty for a handful of KPIs in the catalogue, so null is tolerated. */
  perspective: z.string().nullable(),
  auspice: z.string().nullable().optional(),
  publication_date: z.string().nullable().optional(),
  prel_publication_date: z.string().nullable().optional(),
  publ_period: z.string().nullable().optional(),
  has_ou_data: z.boolean().optional(),
});

/** An area (`/v3/municipality`): type K = kommun, L = region or Riket. */
export const municipalitySchema = z.looseObject({
  id: z.string().regex(/^\d{4}$/, "expected a 4-digit area code"),
  title: z.string().min(1),
  type: z.enum(["K", "L"]),
});

/** One member of a municipality group. */
export const municipalityGroupMemberSchema = z.looseObject({
  member_id: z.string().min(1),
  member_title: z.string(),
});

/** A municipality group (`/v3/municipality_groups`), e.g. an SKR kommungrupp. */
export const municipalityGroupSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  members: z.array(municipalityGroupMemberSchema),
});

export const dataPageSchema = envelopeSchema(dataRowSchema);
export const kpiPageSchema = envelopeSchema(kpiSchema);
export const municipalityPageSchema = envelopeSchema(municipalitySchema);
export const municipalityGroupPageSchema = envelopeSchema(municipalityGroupSchema);

export type KoladaGender = z.infer<typeof genderSchema>;
export type KoladaApiDataRow = z.infer<typeof dataRowSchema>;
export type KoladaKpi = z.infer<typeof kpiSchema>;
export type KoladaMunicipality = z.infer<typeof municipalitySchema>;
export type KoladaMunicipalityGroup = z.infer<typeof municipalityGroupSchema>;
