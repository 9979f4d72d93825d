/** Runs once when a server instance starts: refuse to serve with an incomplete configuration. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkConfigurationOrExit } = await import("./lib/config/startup-check");
  checkConfigurationOrExit();
}
