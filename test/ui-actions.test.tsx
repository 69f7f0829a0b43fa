// The action and cleanup keys in the whole App (ink-testing-library) with recorded Engine operations: dialogs,
// previews, any-key-cancels, scope switches, marks, force only on f, read-only / disconnected / busy refusals.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {setTimeout as sleep} from 'node:timers/promises';
import {
	TsdockError,
	type OperationOutcome,
	type ContainerSummary,
	type ImagePrunePlan,
	type ImageRemovalPlan,
	type ImageSummary,
	type SystemPrunePlan,
	type Volume,
	type VolumePrunePlan,
} from '../source/core/index.ts';
import type {EnginePort} from '../source/ui/engine-port.ts';
import type {Store} from '../source/ui/store.ts';
import {fakePort} from './helpers/fake-port.ts';
import {keys, mountApp, seededStore, until} from './helpers/ui-kit.tsx';

const hex = (seed: string) => seed.repeat(64).slice(0, 64);
const container = (name: string, state: string, over: Partial<ContainerSummary> = {}): ContainerSummary => ({
	Id: hex(name.at(-1)!),
	Names: [`/${name}`],
	Image: 'img:1',
	ImageID: `sha256:${hex('c')}`,
	Command: 'run',
	Created: 1_700_000_000,
	Ports: [],
	Labels: {},
	State: state,
	Status: state === 'running' ? 'Up 1 hour' : 'Exited (0) 1 hour ago',
	Mounts: [],
	...over,
});
const image = (id: string, tags: string[] | null, size: number, created = 1_700_000_000): ImageSummary => ({
	Id: `sha256:${hex(id)}`,
	ParentId: '',
	RepoTags: tags,
	RepoDigests: null,
	Created: created,
	Size: size,
	SharedSize: -1,
	Labels: null,
	Containers: -1,
});
const volume = (name: string): Volume => ({
	Name: name,
	Driver: 'local',
	Mountpoint: `/v/${name}`,
	Labels: null,
	Scope: 'local',
});

export const danglingPlan = (scope: 'dangling' | 'all' = 'dangling'): ImagePrunePlan => ({
	scope,
	items:
		scope === 'dangling'
			? [
					{
						id: `sha256:${hex('d')}`,
						name: '<none>:<none>',
						tags: [],
						size: 2_500_000,
						untagOnly: false,
						intermediate: false,
					},
					{
						id: `sha256:${hex('e')}`,
						name: '<none>:<none>',
						tags: [],
						size: 1_000,
						untagOnly: false,
						intermediate: true,
					},
				]
			: [
					{
						id: `sha256:${hex('d')}`,
						name: '<none>:<none>',
						tags: [],
						size: 2_500_000,
						untagOnly: false,
						intermediate: false,
					},
					{
						id: `sha256:${hex('b')}`,
						name: 'web:2',
						tags: ['web:2'],
						size: 9_000_000,
						untagOnly: false,
						intermediate: false,
					},
				],
	bytes: scope === 'dangling' ? 2_501_000 : 11_500_000,
	exact: scope === 'dangling',
	keptInUse: [{id: `sha256:${hex('f')}`, containers: ['holder']}],
	measure: () => 0,
});

type Call = [string, ...unknown[]];

function fakeOps(over: Partial<EnginePort> = {}): {ops: Partial<EnginePort>; calls: Call[]} {
	const calls: Call[] = [];
	const record =
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each fake takes its operation's own arguments
		<T,>(name: string, answer: (...args: any[]) => T | Promise<T>) =>
			async (...args: unknown[]) => {
				calls.push([name, ...args]);
				return answer(...args);
			};
	const ops: Partial<EnginePort> = {
		planImagePrune: record('planImagePrune', (scope: 'dangling' | 'all') => danglingPlan(scope)),
		runImagePrune: record('runImagePrune', (plan: ImagePrunePlan) => ({
			deleted: plan.items.map((item) => item.id),
			untagged: [],
			skipped: [],
			spaceReclaimed: plan.bytes,
		})),
		planImageRemoval: record('planImageRemoval', (id: string, tag?: string): ImageRemovalPlan => ({
			id,
			tags: tag ? [tag] : [],
			reference: tag ?? id,
			untagOnly: false,
			deletes: [id],
			bytes: 5_000_000,
			exact: true,
			usedBy: [],
			needsForce: false,
		})),
		removeImages: record('removeImages', (references: string[]) =>
			references.map((reference) => ({
				untagged: reference.includes(':') && !reference.startsWith('sha256:') ? [reference] : [],
				deleted: ['sha256:' + hex('a')],
			})),
		),
		tagImage: record('tagImage', () => undefined),
		planVolumePrune: record('planVolumePrune', (all: boolean): VolumePrunePlan => ({
			all,
			anonymousOnly: !all,
			items: all ? [{name: 'cache', size: 20_000, anonymous: false}] : [],
			bytes: all ? 20_000 : 0,
			skippedNamed: all ? 0 : 1,
		})),
		runVolumePrune: record('runVolumePrune', (plan: VolumePrunePlan) => ({
			deleted: plan.items.map((item) => item.name),
			skipped: [],
			spaceReclaimed: plan.bytes,
		})),
		removeVolumes: record('removeVolumes', (volumes: Array<{name: string; size?: number}>) => ({
			deleted: volumes.map((volume) => volume.name),
			skipped: [],
			spaceReclaimed: volumes.reduce((sum, volume) => sum + (volume.size ?? 0), 0),
		})),
		planSystemPrune: record('planSystemPrune', (options: {allImages: boolean; volumes: boolean}): SystemPrunePlan => ({
			containers: [{id: hex('3'), name: 'old', size: 1_000}],
			images: danglingPlan(options.allImages ? 'all' : 'dangling'),
			volumes: options.volumes
				? {
						all: true,
						anonymousOnly: false,
						items: [{name: 'cache', size: 20_000, anonymous: false}],
						bytes: 20_000,
						skippedNamed: 0,
					}
				: undefined,
			buildCache: {items: [], bytes: 0},
			bytes: 3_000_000,
		})),
		runSystemPrune: record('runSystemPrune', () => ({
			containers: {deleted: ['old'], skipped: [], spaceReclaimed: 1_000},
			images: {deleted: [], untagged: [], skipped: [], spaceReclaimed: 2_501_000},
			buildCache: {deleted: [], spaceReclaimed: 0},
			spaceReclaimed: 2_502_000,
		})),
		applyContainerOperation: record(
			'applyContainerOperation',
			(action: string, containers: ContainerSummary[]): OperationOutcome[] =>
				containers.map((c) => ({
					id: c.Id,
					name: c.Names[0]!.slice(1),
					did:
						action === 'start-stop'
							? c.State === 'running'
								? 'stopped'
								: 'started'
							: action.startsWith('remove')
								? 'removed'
								: action,
					ok: true,
				})),
		),
		...over,
	};
	for (const key of Object.keys(over) as Array<keyof EnginePort>) {
		const inner = over[key] as (...args: unknown[]) => unknown;
		(ops as Record<string, unknown>)[key] = async (...args: unknown[]) => {
			calls.push([key, ...args]);
			return inner(...args);
		};
	}
	return {ops, calls};
}

function makeStore(): Store {
	return seededStore({
		engine: {name: 'Docker', version: '28.2.2', apiVersion: '1.47'},
		data: {
			errors: {},
			containers: {
				list: [
					container('web-1', 'running', {
						Created: 1_700_000_100,
						Mounts: [{Type: 'volume', Name: 'data', Source: '/v', Destination: '/data'}],
					}),
					container('db-2', 'running'),
					container('old-3', 'exited'),
				],
				all: true,
			},
			images: {
				list: [
					image('a', ['web:1'], 5_000_000, 3),
					image('b', ['web:2'], 9_000_000, 2),
					image('d', null, 2_500_000, 1),
				],
				dangling: false,
			},
			volumes: {list: [volume('data'), volume('cache')], unused: false},
		},
	});
}

function mount(options: {readOnly?: boolean; over?: Partial<EnginePort>; store?: Store} = {}) {
	const store = options.store ?? makeStore();
	const {ops, calls} = fakeOps(options.over);
	// The fake port records its own calls too; these tests read the operations' own record (`calls`).
	const {port} = fakePort(ops, {readOnly: options.readOnly ?? false});
	const mounted = mountApp({store, port, width: 110, height: 30});
	const names = () => calls.map((call) => call[0]);
	return {...mounted, calls, names};
}

const marks = (screen: string) => screen.split('\n').filter((line) => /^│.✓/.test(line));

test('P on Images: a preview of exactly what goes (short IDs, sizes, intermediate marked, kept in use), the total, dangling explained', async () => {
	const {screen, press, app, names} = mount();
	await press('2', 'P');
	const text = screen();
	assert.match(text, /Prune dangling images \(docker image prune\)/);
	assert.match(text, /dangling = an image with no tag left/);
	assert.match(text, /Will remove 2 images, reclaiming 2\.501MB:/);
	assert.match(text, /dddddddddddd\s+<none>\s+2\.5MB/);
	assert.match(text, /eeeeeeeeeeee\s+<none>\s+1kB\s+\(intermediate layer/);
	assert.match(text, /Kept: 1 dangling image in use by containers/);
	assert.match(text, /ffffffffffff\s+used by holder/);
	assert.match(text, /y prune\s+a: all unused images \(-a\)\s+any other key cancels/);
	assert.deepEqual(names(), ['planImagePrune']);
	app.unmount();
});

test('any other key cancels a preview, and nothing is removed; Esc and n too; P again does not open a second dialog', async () => {
	for (const key of ['P', 'x', 'q', '2', 'd', keys.enter, keys.esc, 'n']) {
		const {screen, press, app, names} = mount();
		await press('2', 'P');
		assert.match(screen(), /Will remove 2 images/);
		await press(key);
		assert.doesNotMatch(screen(), /Will remove/, `key ${JSON.stringify(key)} closes the dialog`);
		assert.match(screen(), /Images \(3\)/);
		assert.match(screen(), /cancelled: nothing was changed/);
		assert.deepEqual(names(), ['planImagePrune'], `key ${JSON.stringify(key)} sends nothing`);
		app.unmount();
	}
});

test('a in the dialog switches to all unused images (prune -a) and back, previewing again; ≈ when the bytes are estimated', async () => {
	const {screen, press, app, calls} = mount();
	await press('2', 'P', 'a');
	assert.match(screen(), /Prune all unused images \(docker image prune -a\)/);
	assert.match(screen(), /all unused = every image no container/);
	assert.match(screen(), /reclaiming ≈11\.5MB/);
	assert.match(screen(), /bbbbbbbbbbbb\s+web:2\s+9MB/);
	assert.match(screen(), /a: dangling only/);
	await press('a');
	assert.match(screen(), /Prune dangling images/);
	assert.deepEqual(
		calls.map((call) => call.slice(0, 2)),
		[
			['planImagePrune', 'dangling'],
			['planImagePrune', 'all'],
			['planImagePrune', 'dangling'],
		],
	);
	app.unmount();
});

test('y runs exactly the previewed plan once; y again while it runs is refused as busy; the result stays in the status line', async () => {
	let finish!: () => void;
	const gate = new Promise<void>((resolve) => (finish = resolve));
	const {screen, press, app, calls, names} = mount({
		over: {
			runImagePrune: async (plan: ImagePrunePlan) => {
				await gate;
				return {
					deleted: [plan.items[0]!.id],
					untagged: [],
					skipped: [{what: plan.items[1]!.id, reason: 'image is being used by running container 1234'}],
					spaceReclaimed: 2_500_000,
				};
			},
		},
	});
	await press('2', 'P', 'y');
	assert.match(screen(), /pruning: removing exactly the images shown/);
	await press('y', 'P', keys.esc);
	assert.match(screen(), /busy: image prune is still running/);
	assert.match(screen(), /pruning/);
	finish();
	await sleep(30);
	assert.equal(names().filter((name) => name === 'runImagePrune').length, 1);
	assert.equal(
		(calls.find((call) => call[0] === 'runImagePrune')![1] as ImagePrunePlan).bytes,
		2_501_000,
		'the plan that was previewed',
	);
	const result = screen();
	assert.match(result, /Deleted 1 image; reclaimed 2\.5MB/);
	assert.match(result, /Skipped 1 item:/);
	assert.match(result, /eeeeeeeeeeee\s+image is being used by running container 1234/);
	assert.match(result, /image prune: deleted 1 image, reclaimed 2\.5MB; skipped 1/);
	await press('x');
	assert.match(screen(), /Images \(3\)/);
	assert.match(
		screen(),
		/image prune: deleted 1 image, reclaimed 2\.5MB; skipped 1/,
		'the summary outlives the dialog',
	);
	app.unmount();
});

test('y before the preview is ready does nothing; a key then cancels the late preview', async () => {
	let answer!: (plan: ImagePrunePlan) => void;
	const {screen, press, app, names} = mount({
		over: {planImagePrune: () => new Promise<ImagePrunePlan>((resolve) => (answer = resolve))},
	});
	await press('2', 'P');
	assert.match(screen(), /working out what the prune would remove/);
	await press('y');
	assert.match(screen(), /the preview is not ready yet/);
	await press('x');
	answer(danglingPlan());
	await sleep(30);
	assert.doesNotMatch(screen(), /Will remove/, 'a preview arriving after the cancel does not reopen the dialog');
	assert.deepEqual(names(), ['planImagePrune']);
	app.unmount();
});

test('read-only: every mutating key is refused before anything is asked of the Engine; marks and navigation still work', async () => {
	const {screen, press, app, calls} = mount({readOnly: true});
	await press('s');
	assert.match(screen(), /read-only mode: s \(start\/stop\) refused/);
	for (const [pane, key, text] of [
		['1', 'r', 'r (restart)'],
		['1', 'p', 'p (pause/unpause)'],
		['1', 'K', 'K (kill)'],
		['1', 'd', 'd (remove)'],
		['2', 'P', 'P (prune)'],
		['2', 'd', 'd (remove)'],
		['2', 't', 't (tag)'],
		['3', 'P', 'P (prune)'],
		['3', 'd', 'd (remove)'],
		['4', 'P', 'P (prune)'],
	] as const) {
		await press(pane, key);
		assert.match(screen(), new RegExp(`read-only mode: ${text.replace(/[()/]/g, '\\$&')} refused`), `${pane} ${key}`);
		assert.doesNotMatch(screen(), /Will remove|Remove |Kill /);
	}
	await press('1', ' ');
	assert.equal(marks(screen()).length, 1);
	assert.deepEqual(calls, []);
	app.unmount();
});

test('while not connected, mutating keys are refused with a status message', async () => {
	const store = makeStore();
	store.dispatch({
		type: 'connection',
		connection: {state: 'reconnecting', reason: 'connection refused', retryInMs: 1000},
	});
	const {screen, press, app, calls} = mount({store});
	await press('2', 'P');
	assert.match(screen(), /not connected to the Engine \(reconnecting\): P \(prune\) refused/);
	await press('1', 's');
	assert.match(screen(), /not connected to the Engine \(reconnecting\): s \(start\/stop\) refused/);
	assert.deepEqual(calls, []);
	app.unmount();
});

test('Space marks rows (a mark column and a count); s acts on every marked container at once; marks clear after', async () => {
	const {screen, press, app, calls} = mount();
	await press(' ', keys.down, ' ');
	assert.equal(marks(screen()).length, 2);
	assert.match(screen(), /Containers \(3\) · row 2 · 2 marked/);
	await press(' ');
	assert.equal(marks(screen()).length, 1, 'Space again unmarks');
	await press(' ', 's');
	await sleep(30);
	const call = calls.find((c) => c[0] === 'applyContainerOperation')!;
	assert.equal(call[1], 'start-stop');
	assert.deepEqual(
		(call[2] as ContainerSummary[]).map((c) => c.Names[0]),
		['/web-1', '/db-2'],
	);
	assert.match(screen(), /stopped web-1, db-2/);
	assert.equal(marks(screen()).length, 0);
	assert.doesNotMatch(screen(), /marked/);
	app.unmount();
});

test('s pressed twice while the first is still running: the second is refused as busy, nothing runs twice', async () => {
	let finish!: () => void;
	const gate = new Promise<void>((resolve) => (finish = resolve));
	const {screen, press, app, names} = mount({
		over: {
			applyContainerOperation: async (action: string, containers: ContainerSummary[]) => (
				await gate,
				containers.map((c) => ({id: c.Id, name: 'web-1', did: 'stopped', ok: true}))
			),
		},
	});
	await press('s', 's');
	assert.match(screen(), /busy: start\/stop is still running; s \(start\/stop\) refused/);
	await press('r');
	assert.match(screen(), /busy: start\/stop is still running; r \(restart\) refused/);
	finish();
	await sleep(30);
	assert.deepEqual(names(), ['applyContainerOperation']);
	assert.match(screen(), /stopped web-1/);
	app.unmount();
});

test('r and p run at once with a status line; K asks first and y kills', async () => {
	const {screen, press, app, calls} = mount();
	await press('r');
	await until(screen, /restart web-1/);
	assert.match(screen(), /restart web-1/);
	await press(keys.down, 'p');
	await until(screen, /pause-unpause db-2/);
	assert.match(screen(), /pause-unpause db-2/);
	await press('K');
	assert.match(screen(), /Kill container db-2/);
	assert.match(screen(), /db-2\s+running\s+kill \(SIGKILL\)/);
	assert.match(screen(), /y kill\s+any other key cancels/);
	assert.equal(calls.length, 2);
	await press('y');
	await sleep(20);
	assert.deepEqual(
		calls.map((call) => call[1]),
		['restart', 'pause-unpause', 'kill'],
	);
	assert.doesNotMatch(screen(), /Kill container/);
	app.unmount();
});

test('d on containers: a dialog with the anonymous volumes option (v); y removes with or without volumes', async () => {
	const {screen, press, app, calls} = mount();
	await press(' ', keys.down, keys.down, ' ', 'd');
	assert.match(screen(), /Remove 2 containers/);
	assert.match(screen(), /web-1\s+running\s+stop and remove \(force\)/);
	assert.match(screen(), /old-3\s+exited\s+remove/);
	assert.match(screen(), /\[ \] also remove their anonymous volumes \(v\); named volumes always stay/);
	await press('v');
	assert.match(screen(), /\[x\] also remove their anonymous volumes/);
	await press('y');
	await sleep(30);
	const call = calls.find((c) => c[0] === 'applyContainerOperation')!;
	assert.equal(call[1], 'remove-with-volumes');
	assert.deepEqual(
		(call[2] as ContainerSummary[]).map((c) => c.Names[0]),
		['/web-1', '/old-3'],
	);
	assert.match(screen(), /removed web-1, old-3, with their anonymous volumes/);
	await press('d', 'y');
	await sleep(30);
	assert.equal(calls.at(-1)![1], 'remove', 'without v: the volumes stay');
	app.unmount();
});

test('d on an image: names the tags, untag or delete, the bytes; a conflict names the container and only f forces', async () => {
	const conflict =
		'conflict: unable to remove repository reference "web:1" (must force) - container 1234 is using its referenced image aaaa';
	const {screen, press, app, calls} = mount({
		over: {
			planImageRemoval: async (id: string, tag?: string) => ({
				id,
				tags: ['web:1'],
				reference: tag ?? id,
				untagOnly: false,
				deletes: [id],
				bytes: 5_000_000,
				exact: true,
				usedBy: ['web-1'],
				needsForce: true,
			}),
			removeImages: async (references: string[], options: {force: boolean}) =>
				references.map((reference) =>
					options.force
						? {untagged: [reference], deleted: []}
						: {untagged: [], deleted: [], error: conflict, conflict: true},
				),
		},
	});
	await press('2', 'd');
	assert.match(screen(), /Remove image web:1/);
	assert.match(screen(), /web:1 \(aaaaaaaaaaaa\): untags web:1 and deletes the image, freeing 5MB/);
	assert.match(screen(), /used by container web-1: the Engine refuses without force \(f forces\)/);
	await press('y');
	await until(screen, /web:1: not removed: conflict: unable to remove repository reference/);
	assert.match(screen(), /web:1: not removed: conflict: unable to remove repository reference/);
	assert.match(screen(), /held by web-1/);
	assert.match(screen(), /f force-remove the 1 refused image\s+any other key closes/);
	assert.deepEqual(
		calls.filter((c) => c[0] === 'removeImages').map((c) => c[2]),
		[{force: false}],
	);
	await press('f');
	await sleep(30);
	assert.deepEqual(
		calls.filter((c) => c[0] === 'removeImages').map((c) => c[2]),
		[{force: false}, {force: true}],
	);
	assert.match(screen(), /Untagged: web:1/);
	assert.match(screen(), /image remove: untagged 1, deleted 0/);
	app.unmount();
});

test('d on an image with other tags says it only untags; a closing key after a refusal never forces', async () => {
	const {screen, press, app, calls} = mount({
		over: {
			planImageRemoval: async (id: string, tag?: string) => ({
				id,
				tags: ['web:1', 'web:latest'],
				reference: tag!,
				untagOnly: true,
				deletes: [],
				bytes: 0,
				exact: true,
				usedBy: [],
				needsForce: false,
			}),
			removeImages: async (references: string[]) =>
				references.map(() => ({untagged: [], deleted: [], error: 'conflict: in use', conflict: true})),
		},
	});
	await press('2', 'd');
	assert.match(screen(), /Untag web:1: image aaaaaaaaaaaa stays \(its other tags: web:latest\); frees 0B/);
	assert.match(screen(), /y remove\s+any other key cancels/);
	await press('f');
	assert.doesNotMatch(screen(), /Remove image/, 'f is not offered here: it cancels');
	await press('d', 'y');
	await sleep(30);
	await press('y');
	assert.deepEqual(
		calls.filter((c) => c[0] === 'removeImages').map((c) => c[2]),
		[{force: false}],
	);
	app.unmount();
});

test('marked images: d plans and removes each of them, reporting Untagged and Deleted lines', async () => {
	const {screen, press, app, calls} = mount();
	await press('2', ' ', keys.down, keys.down, ' ', 'd');
	assert.match(screen(), /Remove 2 images/);
	assert.match(screen(), /Frees 10MB in all/);
	await press('y');
	await sleep(30);
	assert.deepEqual(
		calls.filter((c) => c[0] === 'removeImages').flatMap((c) => c[1] as string[]),
		['web:1', `sha256:${hex('d')}`],
	);
	assert.match(screen(), /Untagged: web:1/);
	assert.match(screen(), /Deleted: aaaaaaaaaaaa/);
	await press('x');
	assert.equal(marks(screen()).length, 0);
	app.unmount();
});

test('t tags the selected image: typed text, the Engine reason for an invalid reference, Esc cancels', async () => {
	const {screen, press, app, calls} = mount({
		over: {
			tagImage: async (_source: string, target: string) => {
				if (/[A-Z]/.test(target))
					throw new TsdockError(
						'bad-request',
						'invalid reference format: repository name (library/Bad) must be lowercase',
					);
			},
		},
	});
	await press('2', 't');
	assert.match(screen(), /Tag image web:1/);
	await press('B', 'a', 'd', keys.enter);
	await until(screen, /invalid reference format: repository name \(library\/Bad\) must be lowercase/);
	assert.match(screen(), /invalid reference format: repository name \(library\/Bad\) must be lowercase/);
	assert.match(screen(), /> Bad_/, 'the text stays for another try');
	await press(keys.backspace, keys.backspace, keys.backspace, 'n', 'e', 'w', ':', '1', 'y', keys.enter);
	await sleep(20);
	assert.deepEqual(
		calls.map((c) => c[2]),
		['Bad', 'new:1y'],
	);
	assert.match(screen(), /tagged aaaaaaaaaaaa as new:1y/);
	await press('t', 'x', keys.esc);
	assert.match(screen(), /tag cancelled/);
	assert.equal(calls.length, 2);
	app.unmount();
});

test('volumes: d on a volume in use is refused naming the container; d on an unused one shows its size; P explains the API 1.42 scope and a switches to all', async () => {
	const {screen, press, app, names} = mount();
	await press('3');
	// Sorted by name: cache, data.
	await press(keys.down, 'd');
	assert.match(screen(), /volume data is in use by web-1: d \(remove\) refused, nothing removed/);
	assert.deepEqual(names(), []);
	await press(keys.up, 'd');
	await until(screen, /Remove volume cache/);
	assert.match(screen(), /Remove volume cache/);
	assert.match(screen(), /Will remove 1 volume and the data in it, freeing 20kB/);
	await press('y');
	await sleep(20);
	assert.deepEqual(names(), ['planVolumePrune', 'removeVolumes']);
	assert.match(screen(), /volume remove: removed 1 volume, reclaimed 20kB/);
	await press('x', 'P');
	await until(screen, /Prune unused volumes \(docker volume prune\)/);
	assert.match(screen(), /Prune unused volumes \(docker volume prune\)/);
	assert.match(
		screen(),
		/API >= 1\.42 prunes only anonymous volumes unless all is set: 1 unused named volume kept \(a: all unused\)/,
	);
	assert.match(screen(), /No unused volume to remove in this scope/);
	await press('a');
	await until(screen, /Prune all unused volumes \(docker volume prune -a\)/);
	assert.match(screen(), /Prune all unused volumes \(docker volume prune -a\)/);
	assert.match(screen(), /cache\s+20kB/);
	await press('y');
	await until(screen, /volume prune: removed 1 volume, reclaimed 20kB/);
	assert.match(screen(), /volume prune: removed 1 volume, reclaimed 20kB/);
	app.unmount();
});

test('Disk P: a system prune preview; a switches images to all unused, v adds volumes; y runs it', async () => {
	const {screen, press, app, calls} = mount();
	await press('4', 'P');
	await sleep(20);
	let text = screen();
	assert.match(text, /System prune \(docker system prune\)/);
	assert.match(text, /Stopped containers: 1/);
	assert.match(text, /Images: dangling only \(a: all unused\)/);
	assert.match(text, /Volumes: not included \(v: include unused volumes\)/);
	assert.match(text, /Build cache: 0 records not in use, 0B/);
	await press('a', 'v');
	await sleep(20);
	text = screen();
	assert.match(text, /System prune \(docker system prune -a --volumes\)/);
	assert.match(text, /Images: all unused \(a: dangling only\)/);
	assert.match(text, /Volumes: unused ones/);
	assert.deepEqual(
		calls.map((c) => c[1]),
		[
			{allImages: false, volumes: false},
			{allImages: true, volumes: false},
			{allImages: true, volumes: true},
		],
	);
	await press('y');
	await until(screen, /system prune: removed 1 container, 0 images; reclaimed 2\.502MB/);
	assert.match(screen(), /system prune: removed 1 container, 0 images; reclaimed 2\.502MB/);
	app.unmount();
});

test('the dialog has the keyboard: footer and help show its keys; Ctrl-C still quits', async () => {
	const {screen, press, app} = mount();
	await press('2', 'P');
	assert.match(screen(), /y yes\s+Esc cancel \(any other key too\)/);
	await press('?');
	assert.doesNotMatch(screen(), /Prune dangling/, '? is another key: it cancels');
	await press('?', 'G');
	assert.match(screen(), /In a confirmation or preview dialog \(any other key cancels\)/);
	await press(keys.esc, 'P', keys.ctrlC);
	await sleep(20);
	app.unmount();
});
