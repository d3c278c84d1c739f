/** Vite's `?url` imports: the built asset's URL (here, pdf.js's worker script). */
declare module '*?url' {
  const url: string;
  export default url;
}
