// `npm run manifest -w @sightline/elements` writes custom-elements.json (IDEs, docs, linting of
// attribute names). The classes register nothing; @tagname in each JSDoc header names the tag.
export default {
  globs: ['src/**/*.component.ts', 'src/shared/sightline-element.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  // The analyzer reads files in whatever order the file system gives: sort, so the same sources
  // always give the same manifest (npm test compares it with the committed one).
  plugins: [
    {
      name: 'sightline-sorted-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
