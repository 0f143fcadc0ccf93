/**
 * HTTP load with autocannon on loopback, and the figures we report: requests per second and
 * latency percentiles computed from every response (autocannon's own summary has no p95).
 */
import autocannon from "autocannon";

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  connections?: number;
  durationSeconds?: number;
  headers?: Record<string, string>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export async function load(url: string | string[], options: LoadOptions = {}): Promise<LoadResult> {
  const urls = Array.isArray(url) ? url : [url];
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: urls[0]!,
        connections: options.connections ?? 50,
        duration: options.durationSeconds ?? 10,
        headers: options.headers ?? {},
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
  times.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/**
 * Runs `times` times and keeps the run with the median throughput. A first, unmeasured run warms
 * the caches (the database pages a million-row query touches, V8's compiled code), so every
 * scenario is measured in the steady state a running server is in.
 */
export async function median(times: number, run: () => Promise<LoadResult>): Promise<LoadResult> {
  await run();
  const results: LoadResult[] = [];
  for (let i = 0; i < times; i++) results.push(await run());
  results.sort((a, b) => a.rps - b.rps);
  return results[Math.floor(results.length / 2)]!;
}
