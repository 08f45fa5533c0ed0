/** Latency percentiles in milliseconds. */
export interface LatencySummary {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * Nearest-rank percentiles of latencies in milliseconds (the array is sorted in place).
 * An empty sample gives NaN everywhere.
 */
export function summariseLatencies(samples: Float64Array): LatencySummary {
  if (samples.length === 0)
    return {
      p50: Number.NaN,
      p90: Number.NaN,
      p95: Number.NaN,
      p99: Number.NaN,
      max: Number.NaN,
      mean: Number.NaN,
    };
  samples.sort();
  const rank = (p: number) =>
    samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)]!;
  let sum = 0;
  for (const sample of samples) sum += sample;
  return {
    p50: rank(0.5),
    p90: rank(0.9),
    p95: rank(0.95),
    p99: rank(0.99),
    max: samples[samples.length - 1]!,
    mean: sum / samples.length,
  };
}

/** A growable list of float samples (ms), cheap to append and to send to another thread. */
export class SampleBuffer {
  private data = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** A copy holding exactly the samples. */
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/** Concatenates sample arrays (from several clients or worker threads). */
export function concatSamples(parts: Float64Array[]): Float64Array {
  const total = parts.reduce((n, part) => n + part.length, 0);
  const out = new Float64Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
