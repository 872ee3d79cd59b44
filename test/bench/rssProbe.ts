/** Loaded with `node --require` by the benchmark: reports the process's peak memory when it exits. */
process.on('exit', () => {
  process.stderr.write(`\n@@maxrss ${process.resourceUsage().maxRSS}\n`);
});
