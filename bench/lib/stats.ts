/** Small statistics over samples: medians, ranges, percentiles (nearest-rank). */
export type Summary = {n: number; median: number; min: number; max: number; p95?: number; samples: number[]};

export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(values: number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(values: number[], digits = 3): Summary {
	const round = (value: number) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);
	return {
		n: values.length,
		median: round(median(values)),
		min: round(Math.min(...values)),
		max: round(Math.max(...values)),
		p95: round(percentile(values, 95)),
		samples: values.map(round),
	};
}
