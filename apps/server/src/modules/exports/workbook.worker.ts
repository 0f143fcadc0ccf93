/**
 * Worker thread entry: writes one export workbook from the rows the export job posts.
 * Messages in: { rows, contacts } (acknowledged with "taken"), then "finish"; out: the bytes.
 */
import { parentPort, workerData } from "node:worker_threads";
import {
  type CellValue,
  type ContactCells,
  createWorkbookWriter,
  type WorkbookLayout,
} from "./workbook-writer.ts";

const writer = createWorkbookWriter(workerData as WorkbookLayout);
const port = parentPort!;
port.on("message", (message: { rows: CellValue[][]; contacts: ContactCells[] } | "finish") => {
  try {
    if (message === "finish") {
      void writer.finish().then(
        (bytes) => port.postMessage({ bytes }),
        (error: unknown) => port.postMessage({ error: String(error) }),
      );
      return;
    }
    writer.addCustomers(message.rows);
    writer.addContacts(message.contacts);
    port.postMessage("taken");
  } catch (error) {
    port.postMessage({ error: String(error) });
  }
});
