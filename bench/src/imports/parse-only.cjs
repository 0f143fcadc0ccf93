// The parse alone, as the importer's reader does it (SheetJS), in its own process: its peak memory.
const XLSX = require("@e965/xlsx");
const { readFileSync } = require("node:fs");
const started = performance.now();
const wb = XLSX.read(readFileSync(process.argv[2]), { type: "buffer", cellDates: true, dense: true });
const rows = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: true, defval: null });
const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))[1]) * 1024;
process.send({ parseMs: performance.now() - started, rows: rows.length, peakRss: hwm });
