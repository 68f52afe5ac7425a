/** Entry point: `npm run --silent cli -- <command>`. See cli/run.ts for the commands. */
import { runCli } from '../cli/run';

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
