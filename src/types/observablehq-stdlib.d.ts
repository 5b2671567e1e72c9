/**
 * The one part of Framework's standard library that modules import
 * (`src/lib/data/kpi-library-files.ts`): `FileAttachment(name)` with a literal
 * name, which Framework resolves at build time. Only `.href` is used.
 */
declare module "observablehq:stdlib" {
  export interface FileAttachmentInfo {
    readonly name: string;
    readonly href: string;
    readonly mimeType: string | undefined;
    readonly lastModified: number | undefined;
    readonly size: number | undefined;
  }
  export function FileAttachment(name: string): FileAttachmentInfo;
}
