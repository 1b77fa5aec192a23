/** Decap CMS's interface phrases by language (npm decap-cms-locales, ES modules without types). */
declare module 'decap-cms-locales/dist/esm/*/index.js' {
  const phrases: Record<string, unknown>;
  export default phrases;
}
