/**
 * Hands a downloaded file to the browser as a normal download (the Downloads bar, the user's
 * download folder). The file is fetched by `apiFile` first, so a refused or failed download shows
 * the server's message in the page instead of saving an error page as "report.xlsx".
 */
import { apiFile, type RequestOptions } from "../api/client.ts";

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; release it a little later.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Fetches a file from the API and saves it; resolves with the name it was saved under. */
export async function downloadFile(
  path: string,
  fallbackName: string,
  options: RequestOptions = {},
): Promise<string> {
  const { blob, fileName } = await apiFile(path, fallbackName, options);
  saveBlob(blob, fileName);
  return fileName;
}
