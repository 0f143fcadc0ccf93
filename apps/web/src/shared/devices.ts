/** Naming a login session's device from its user-agent string, well enough to recognise one's own. */

const BROWSERS: [marker: string, name: string][] = [
  ["Edg/", "Edge"],
  ["OPR/", "Opera"],
  ["MicroMessenger/", "WeChat"],
  ["Firefox/", "Firefox"],
  ["Chrome/", "Chrome"],
  ["Safari/", "Safari"],
];

const SYSTEMS: [marker: string, name: string][] = [
  ["Windows", "Windows"],
  ["Android", "Android"],
  ["iPhone", "iOS"],
  ["iPad", "iPadOS"],
  ["Mac OS X", "macOS"],
  ["Linux", "Linux"],
];

/** "Chrome · Windows"; for scripts and integrations their own first word (e.g. "curl/8.5.0"). */
export function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = BROWSERS.find(([marker]) => userAgent.includes(marker))?.[1];
  const system = SYSTEMS.find(([marker]) => userAgent.includes(marker))?.[1];
  const known = [browser, system].filter(Boolean).join(" · ");
  return known || userAgent.split(/\s/)[0]?.slice(0, 40) || null;
}
