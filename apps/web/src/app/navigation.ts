/**
 * Where login sends people: to the login page remembering the page they wanted, and back there
 * afterwards — but only to a page of this app, so a crafted link cannot lead to another site.
 */

/** The login page, with `next` set to the page the user was on (unless that is home or login). */
export function loginPathFor(pathname: string, search: string): string {
  const next = `${pathname}${search}`;
  return next === "/" || pathname.startsWith("/login") ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}

/** The page to open after login: `next` if it is a path of this app, else home. */
export function safeNext(next: string | null): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next.startsWith("/login") ? "/" : next;
}
