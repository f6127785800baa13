// Loaded with `node --import` into the Framework build (pipelines/site/build-site.ts): the site is built without
// the network, so a fetch is a fault in the build, named here in one line instead of a download or a timeout.
// Plain JavaScript because Node loads it before any TypeScript loader.
globalThis.fetch = async (input) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  throw new Error(`sitet bygges uden net, men byggeriet ville hente ${url}; importér biblioteket fra node_modules`);
};
