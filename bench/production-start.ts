// The node flags `npm run start:production` starts the gateway with, read from package.json, so the
// benchmark and the soak measure exactly what a user runs.
import { readFileSync } from 'node:fs';

const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
const start = scripts['start:production'] ?? '';

export const productionNodeFlags = start.split(/\s+/).filter((part) => part.startsWith('--'));
