// `npm run manifest -w @sightline/elements` writes custom-elements.json (IDEs, docs, linting of
// attribute names). The classes register nothing; @tagname in each JSDoc header names the tag.
export default {
  globs: ['src/**/*.component.ts', 'src/shared/sightline-element.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
};
