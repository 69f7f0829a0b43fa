/**
 * The one fake of the engine port, for the UI's unit tests (beside, never instead of, the tests against real
 * daemons). Every method a test does not give fails with "not in this test" (listings answer empty), and
 * every call is recorded, so a test can check exactly what was (not) sent.
 */
import type {EnginePort} from '../../source/ui/engine-port.ts';

export type PortCall = [name: string, ...args: unknown[]];

const notHere = (name: string) => async () => {
	throw new Error(`${name}: not in this test`);
};

export function fakePort(
	over: Partial<EnginePort> = {},
	options: {readOnly?: boolean; where?: string} = {},
): {port: EnginePort; calls: PortCall[]; names: () => string[]} {
	const calls: PortCall[] = [];
	const defaults: EnginePort = {
		where: options.where ?? 'unix:///var/run/docker.sock',
		readOnly: options.readOnly ?? false,
		apiVersion: () => '1.47',
		// Never connects: the UI's unit tests seed the store themselves.
		watchEvents: (_handlers, signal) =>
			new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), {once: true})),
		engineVersion: notHere('engineVersion'),
		listContainers: async () => [],
		listImages: async () => [],
		listVolumes: async () => [],
		diskUsage: notHere('diskUsage'),
		containerTimes: notHere('containerTimes'),
		inspectContainer: notHere('inspectContainer'),
		inspectImage: notHere('inspectImage'),
		inspectVolume: notHere('inspectVolume'),
		imageHistory: notHere('imageHistory'),
		logSource: () => ({
			read: (request) => new Promise((resolve) => request.signal.addEventListener('abort', () => resolve())),
		}),
		pickShell: notHere('pickShell'),
		runShell: notHere('runShell'),
		startContainer: notHere('startContainer'),
		applyContainerOperation: notHere('applyContainerOperation'),
		planImagePrune: notHere('planImagePrune'),
		runImagePrune: notHere('runImagePrune'),
		planImageRemoval: notHere('planImageRemoval'),
		removeImages: notHere('removeImages'),
		tagImage: notHere('tagImage'),
		planVolumePrune: notHere('planVolumePrune'),
		runVolumePrune: notHere('runVolumePrune'),
		removeVolumes: notHere('removeVolumes'),
		planSystemPrune: notHere('planSystemPrune'),
		runSystemPrune: notHere('runSystemPrune'),
		close: () => undefined,
	};
	const merged = {...defaults, ...over} as Record<string, unknown>;
	const port = {} as Record<string, unknown>;
	for (const [name, value] of Object.entries(merged)) {
		port[name] =
			typeof value === 'function' && name !== 'apiVersion'
				? (...args: unknown[]) => {
						calls.push([name, ...args]);
						return (value as (...args: unknown[]) => unknown)(...args);
					}
				: value;
	}
	return {port: port as EnginePort, calls, names: () => calls.map((call) => call[0])};
}
