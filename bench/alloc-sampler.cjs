// Preloaded with `--require` by `npm run bench -- --alloc <servers>`: samples every allocation the
// process makes (including objects the GC has already collected, which --heap-prof leaves out) and
// writes a .heapprofile at exit, for bench/profile-summary.ts --alloc or Chrome DevTools.
const { Session } = require('node:inspector');
const { writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const dir = process.env.ALLOC_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('HeapProfiler.startSampling', {
    samplingInterval: 64 * 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  process.on('exit', () => {
    session.post('HeapProfiler.stopSampling', (error, result) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${process.pid}.heapprofile`), JSON.stringify(result.profile));
    });
  });
}
