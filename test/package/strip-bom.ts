/**
 * Jest cannot load strip-bom 5 (ESM only), which @microsoft/app-manifest requires at start-up; Node 20
 * can. jest.config.js maps it here. The packager's validation never calls it; this behaves the same.
 */
export default function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
