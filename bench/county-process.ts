// The county in a process of its own (spawned by bench/run.ts), so each row's peak resident memory is the
// county's alone: a process's resident set does not shrink back after the bench's earlier scenarios (the
// scan's 100,000 meetings), and the bench process measured 800 MiB at the county's start while the county
// itself needs about half of that. Reads GT_COUNTY_CONNECTION and GT_COUNTY_SIZE, writes the result to
// GT_COUNTY_OUT as JSON.
import { writeFileSync } from 'node:fs';
import { benchCounty, type CountySize } from './county';

async function main(): Promise<void> {
  const connection = process.env.GT_COUNTY_CONNECTION;
  const out = process.env.GT_COUNTY_OUT;
  if (!connection || !out) throw new Error('GT_COUNTY_CONNECTION and GT_COUNTY_OUT are required');
  const size = JSON.parse(process.env.GT_COUNTY_SIZE ?? '{}') as CountySize;
  writeFileSync(out, JSON.stringify(await benchCounty(connection, size)));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
