/**
 * What the session list shows about where a session was started. Descriptions come from
 * the User-Agent, which the client chooses: they help a person recognise their devices and
 * are never used for a security decision.
 */

const BROWSERS: ReadonlyArray<[RegExp, string]> = [
  // Order matters: Edge and Opera also say "Chrome", and Chrome also says "Safari".
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\b(?:Headless)?Chrom(?:e|ium)\/|\bCriOS\//, "Chrome"],
  [/\bSafari\//, "Safari"],
  [/\bcurl\//, "curl"],
];

const SYSTEMS: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

function firstMatch(table: ReadonlyArray<[RegExp, string]>, userAgent: string): string | undefined {
  return table.find(([pattern]) => pattern.test(userAgent))?.[1];
}

/** "Firefox on Linux", "Safari on iOS", "Chrome", or "Unknown device". */
export function describeDevice(userAgent: string | null | undefined): string {
  // Headers can be long; nothing useful for this is past the first few hundred characters.
  const agent = (userAgent ?? "").slice(0, 512);
  const browser = firstMatch(BROWSERS, agent);
  const system = firstMatch(SYSTEMS, agent);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? "Unknown device";
}
