/** The command line, as a function of its arguments, so tests can run it in-process. */
import { londonDate } from '../calendar/london';
import { loadConfig } from '../config';
import { checkPackFile, loadPolicies, PolicyError, UnknownPartnershipError } from '../policy/registry';
import { deadlineCommand } from './deadline';
import { holidaysCommand } from './holidays';
import { replanCommand } from './replan';
import { tokenCommand } from './token';
import { payloadKeyCommand } from './payloadKey';
import { type CliIo, UsageError } from './usage';

const USAGE = [
  'usage:',
  '  cli deadline --from YYYY-MM-DD (--working-days N | --months N) [--partnership ID]',
  '  cli deadline --before YYYY-MM-DD --working-days N [--partnership ID]',
  '  cli policy show ID',
  '  cli policy check FILE',
  '  cli policy list',
  '  cli holidays refresh --from-file FILE | --from-url [URL]',
  '  cli replan --partnership ID --reason TEXT --user ID',
  '  cli token --role ROLE --partnership ID [--partnership ID] --user ID [--partner ID] [--hours N]',
  '  cli payload-key --id ID',
].join('\n');

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    const policies = () => loadPolicies({ dir: loadConfig().policyDir });
    let result: unknown;
    switch (command) {
      case 'deadline':
        result = deadlineCommand(args, policies());
        break;
      case 'policy':
        result = policyCommand(args, policies);
        break;
      case 'holidays':
        result = await holidaysCommand(args, londonDate(new Date()));
        break;
      case 'token': {
        // The token alone, so a script can use $(npm run --silent cli -- token …).
        io.out(`${await tokenCommand(args, loadConfig(), policies())}\n`);
        return 0;
      }
      case 'payload-key': {
        // The key alone, to be put in front of PAYLOAD_KEYS (see the README on rotation).
        io.out(`${payloadKeyCommand(args)}\n`);
        return 0;
      }
      case 'replan':
        result = await replanCommand(args, {
          config: loadConfig(),
          policies: policies(),
          progress: (line) => io.err(`${line}\n`),
        });
        break;
      case undefined:
      case 'help':
      case '--help':
        io.out(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"; try: cli help`);
    }
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof UnknownPartnershipError || isArgError(err)) {
      io.err(`cli: ${firstLine((err as Error).message)}\n`);
      return 2;
    }
    io.err(`cli: ${err instanceof PolicyError ? '' : 'error: '}${firstLine((err as Error).message)}\n`);
    return 1;
  }
}

function policyCommand(args: string[], policies: () => ReturnType<typeof loadPolicies>): unknown {
  const [sub, arg, ...extra] = args;
  if (sub === 'list') return policies().ids;
  if (!['show', 'check'].includes(sub ?? '') || !arg || extra.length > 0)
    throw new UsageError('usage: policy show ID | policy check FILE | policy list');
  if (sub === 'check') {
    try {
      // A pack being written is the user's input: what is wrong with it is a usage error.
      return { valid: true, ...checkPackFile(arg) };
    } catch (err) {
      if (err instanceof PolicyError) throw new UsageError(err.message);
      throw err;
    }
  }
  const registry = policies();
  const { id, name, version, workingTogetherEdition } = registry.get(arg);
  return { id, name, version, workingTogetherEdition, settings: registry.settings(arg) };
}

/** node:util parseArgs reports unknown or malformed options with these codes. */
function isArgError(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

function firstLine(message: string): string {
  return message.split('\n')[0]!;
}
