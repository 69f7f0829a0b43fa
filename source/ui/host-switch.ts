/**
 * The `c` switcher's service: which hosts and contexts there are, which one we are on, and the one pending
 * request between the App (which asks) and run.tsx (which reconnects: a new client, a new event stream, a
 * fresh listing). Named --host endpoints are kept in the settings.
 */
import {listTargets, type SavedHost, type Target} from '../core/index.ts';

export type HostSwitchOptions = {
	flagHost?: string;
	flagContext?: string;
	saved: SavedHost[];
	save: (hosts: SavedHost[]) => string | undefined;
	env?: NodeJS.ProcessEnv;
};

const same = (a: Target, b: Target) =>
	a.source === b.source && a.host === b.host && a.name.replace(/ \(saved\)$/, '') === b.name.replace(/ \(saved\)$/, '');

export class HostSwitch {
	private pending?: Target;
	private saved: SavedHost[];
	/** The target the UI is connected to now. */
	current?: Target;

	constructor(private readonly options: HostSwitchOptions) {
		this.saved = [...options.saved];
		const targets = this.list();
		this.current = options.flagContext
			? targets.find((target) => target.source === 'context' && target.name === options.flagContext)
			: targets.find((target) => target.current);
	}

	private list(): Target[] {
		return listTargets(this.saved, {env: this.options.env, flagHost: this.options.flagHost});
	}

	/** Every target, with `current` marking where we are now. */
	targets(): Target[] {
		return this.list().map((target) => ({
			...target,
			current: this.current ? same(target, this.current) : target.current === true,
		}));
	}

	request(target: Target): void {
		this.pending = target;
	}

	take(): Target | undefined {
		const target = this.pending;
		this.pending = undefined;
		return target;
	}

	/** Keep the --host endpoint under a name; returns an error line or undefined. */
	saveFlagHost(name: string): string | undefined {
		if (!this.options.flagHost) return 'only a --host endpoint can be named';
		const next = [...this.saved.filter((host) => host.name !== name), {name, host: this.options.flagHost}];
		const problem = this.options.save(next);
		if (problem === undefined) this.saved = next;
		return problem;
	}

	/** Forget a saved host (settings only). */
	forget(target: Target): string | undefined {
		const name = target.name.replace(/ \(saved\)$/, '');
		const next = this.saved.filter((host) => !(host.name === name && host.host === target.host));
		const problem = this.options.save(next);
		if (problem === undefined) this.saved = next;
		return problem;
	}
}
