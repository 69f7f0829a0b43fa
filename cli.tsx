// Argument parsing and start-up only: commands live in source/commands, the UI in source/ui, the rules in source/core.
import {parseArgs} from 'node:util';
import {createClient, errorLine, listContainers, type ConnectOptions} from './source/core/index.ts';
import {usage} from './source/commands/usage.ts';

const version = process.env.TSDOCK_VERSION ?? '0.0.0-dev';

const options = {
	host: {type: 'string', short: 'H'},
	context: {type: 'string', short: 'c'},
	tlsverify: {type: 'boolean'},
	tlscacert: {type: 'string'},
	tlscert: {type: 'string'},
	tlskey: {type: 'string'},
	'read-only': {type: 'boolean'},
	'no-color': {type: 'boolean'},
	ascii: {type: 'boolean'},
	tail: {type: 'string'},
	shell: {type: 'string'},
	help: {type: 'boolean', short: 'h'},
	version: {type: 'boolean'},
	all: {type: 'boolean', short: 'a'},
	dangling: {type: 'boolean'},
	json: {type: 'boolean'},
	verbose: {type: 'boolean', short: 'v'},
	'no-trunc': {type: 'boolean'},
} as const;

/** Which command-specific flags each command takes; anything else is a usage error. */
const commandFlags: Record<string, string[]> = {
	'': [],
	ps: ['all', 'json'],
	images: ['all', 'dangling', 'json'],
	volumes: ['dangling', 'json'],
	df: ['verbose', 'json'],
	history: ['json', 'no-trunc'],
	contexts: ['json'],
	help: [],
};
const commandOnly = new Set(['all', 'dangling', 'json', 'verbose', 'no-trunc']);

function fail(message: string, code = 2): never {
	process.stderr.write(`tsdock: ${message}\n`);
	process.exit(code);
}

async function main(): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({args: process.argv.slice(2), options, allowPositionals: true, strict: true});
	} catch (error) {
		const message = errorLine(error);
		const unknown = /^Unknown option '([^']+)'/.exec(message);
		fail(`${unknown ? `unknown option '${unknown[1]}'` : message.replace(/\.$/, '')} (see tsdock --help)`);
	}
	const {values, positionals} = parsed;
	if (values.version) {
		process.stdout.write(`tsdock ${version}\n`);
		return 0;
	}
	const [command = '', ...rest] = positionals;
	if (values.help || command === 'help') {
		if (command === 'help' && rest[0] === 'keys') {
			const {keysText} = await import('./source/commands/keys.ts');
			process.stdout.write(keysText());
			return 0;
		}
		process.stdout.write(usage);
		return 0;
	}
	if (!(command in commandFlags)) fail(`unknown command "${command}" (see tsdock --help)`);
	for (const flag of Object.keys(values)) {
		if (commandOnly.has(flag) && !commandFlags[command]!.includes(flag))
			fail(`--${flag} does not apply to ${command === '' ? 'the UI' : `"${command}"`} (see tsdock --help)`);
	}
	const needsArgument = command === 'history';
	if (needsArgument && rest.length !== 1) fail(`"history" takes exactly one IMAGE (see tsdock --help)`);
	if (!needsArgument && rest.length > 0) fail(`unexpected argument "${rest[0]}" (see tsdock --help)`);
	let tail: number | undefined;
	if (values.tail !== undefined) {
		tail = Number(values.tail);
		if (!Number.isInteger(tail) || tail < 0) fail(`--tail takes a whole number of lines, not "${values.tail}"`);
	}

	const connect: ConnectOptions = {
		host: values.host,
		context: values.context,
		tlsVerify: values.tlsverify,
		tlsCaCert: values.tlscacert,
		tlsCert: values.tlscert,
		tlsKey: values.tlskey,
		readOnly: values['read-only'],
	};

	if (command === '') {
		// Ask the daemon for the running containers while the UI code loads and compiles (~100 ms): they head the
		// list, cost the daemon little even on a host with thousands of containers, and the first screen waits
		// for neither one after the other. The full list follows. Errors surface through the UI's own connection.
		// The listing does not wait for the /_ping round trip: it goes on the unversioned path, which every daemon
		// answers at its own API version (no fixed version suits both Debian's 20.10, at most 1.41, and Docker 29, at
		// least 1.44), and is read tolerantly; the negotiation runs beside it and every later request uses its answer.
		const client = process.stdout.isTTY && process.stdin.isTTY ? createClient(connect) : undefined;
		client?.negotiate().catch(() => undefined);
		const prefetch = client
			? listContainers(client, {
					all: true,
					filters: {status: ['running', 'restarting', 'paused']},
					unversioned: true,
				}).catch(() => undefined)
			: undefined;
		const {runTui} = await import('./source/ui/run.tsx');
		return runTui({
			client,
			prefetch,
			connect,
			noColor: values['no-color'] === true || (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== ''),
			ascii: values.ascii === true,
			tail,
			shell: values.shell,
		});
	}
	if (command === 'contexts') {
		const {contextsCommand} = await import('./source/commands/contexts.ts');
		process.stdout.write(contextsCommand({json: values.json === true}));
		return 0;
	}

	const client = createClient(connect);
	try {
		let output: string;
		switch (command) {
			case 'ps': {
				const {psCommand} = await import('./source/commands/ps.ts');
				output = await psCommand(client, {all: values.all === true, json: values.json === true});
				break;
			}
			case 'images': {
				const {imagesCommand} = await import('./source/commands/images.ts');
				output = await imagesCommand(client, {
					all: values.all === true,
					dangling: values.dangling === true,
					json: values.json === true,
				});
				break;
			}
			case 'volumes': {
				const {volumesCommand} = await import('./source/commands/volumes.ts');
				output = await volumesCommand(client, {dangling: values.dangling === true, json: values.json === true});
				break;
			}
			case 'df': {
				const {dfCommand} = await import('./source/commands/df.ts');
				output = await dfCommand(client, {verbose: values.verbose === true, json: values.json === true});
				break;
			}
			default: {
				const {historyCommand} = await import('./source/commands/history.ts');
				output = await historyCommand(client, rest[0]!, {
					json: values.json === true,
					noTrunc: values['no-trunc'] === true,
				});
			}
		}
		process.stdout.write(output);
		return 0;
	} finally {
		client.close();
	}
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		// One clear line, never a stack trace (TSDOCK_DEBUG=1 shows it for bug reports).
		if (process.env.TSDOCK_DEBUG) console.error(error);
		process.stderr.write(`tsdock: ${errorLine(error)}\n`);
		process.exitCode = 1;
	},
);
