// Minimal types for htl 0.3 (pinned: 1.0 has an import-only exports map that Framework cannot resolve).
declare module "htl" {
  type Template = (strings: TemplateStringsArray, ...values: unknown[]) => HTMLElement | SVGElement | DocumentFragment | Text;
  export const html: Template;
  export const svg: Template;
}
