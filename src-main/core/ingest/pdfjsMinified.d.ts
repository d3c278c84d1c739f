// The minified legacy build is the same API as pdf.mjs (pdfjs-dist ships types for the latter only).
// It is what runs: smaller to parse, and it carries no sourceMappingURL, so a process with source maps
// enabled (tsx enables them) does not parse pdf.js's 7.8 MB of maps into memory in every thread.
declare module 'pdfjs-dist/legacy/build/pdf.min.mjs' {
  export * from 'pdfjs-dist/legacy/build/pdf.mjs';
}
