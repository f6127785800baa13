// The browser libu prints and tests with: Debian's Chromium, kept off the network.
export const CHROMIUM = "/usr/bin/chromium";
/** Keeps Chromium off the network: on a closed network it would otherwise try Google's hosts. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
