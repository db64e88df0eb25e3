/* global module */
// The entry Nx loads (it requires generator factories); the generator itself is an ES module, like
// the rest of the repository's tooling.
module.exports = async function serviceGenerator(tree, options) {
  const { serviceGenerator: generate } = await import('./service-generator.mjs');
  return generate(tree, options);
};
