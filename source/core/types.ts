/**
 * The parts of Engine API objects tsdock reads (API 1.40 – 1.52; README "Engine API versions" says what changed).
 * Unknown fields are kept as they come.
 */

export type Port = {IP?: string; PrivatePort: number; PublicPort?: number; Type: string};

export type ContainerSummary = {
	Id: string;
	Names: string[];
	Image: string;
	ImageID: string;
	Command: string;
	Created: number;
	Ports: Port[];
	Labels: Record<string, string> | null;
	State: string;
	Status: string;
	SizeRw?: number;
	SizeRootFs?: number;
	Mounts?: Array<{Type: string; Name?: string; Source: string; Destination: string; RW?: boolean}>;
};

export type ContainerInspect = {
	Id: string;
	Name: string;
	Created: string;
	Path: string;
	Args: string[];
	Image: string;
	RestartCount: number;
	State: {
		Status: string;
		Running: boolean;
		Paused: boolean;
		Restarting: boolean;
		ExitCode: number;
		StartedAt: string;
		FinishedAt: string;
		Error?: string;
		Pid?: number;
	};
	Config: {
		Image: string;
		Cmd?: string[] | null;
		Entrypoint?: string[] | null;
		Env?: string[] | null;
		Labels?: Record<string, string> | null;
		Tty: boolean;
		User?: string;
		WorkingDir?: string;
	};
	HostConfig: {AutoRemove?: boolean; RestartPolicy?: {Name: string}};
	Mounts: Array<{Type: string; Name?: string; Source: string; Destination: string; RW: boolean}>;
	NetworkSettings: {
		Ports?: Record<string, Array<{HostIp: string; HostPort: string}> | null> | null;
		Networks?: Record<string, {IPAddress?: string}> | null;
	};
};

export type ImageSummary = {
	Id: string;
	ParentId: string;
	RepoTags: string[] | null;
	RepoDigests: string[] | null;
	Created: number;
	Size: number;
	VirtualSize?: number;
	SharedSize: number;
	Labels: Record<string, string> | null;
	Containers: number;
};

export type ImageInspect = {
	Id: string;
	RepoTags: string[];
	RepoDigests: string[];
	/** Omitted when empty from API 1.52 (and never set by BuildKit). */
	Parent?: string;
	/** Omitted when unknown from API 1.44. */
	Created?: string;
	Size: number;
	Architecture: string;
	Os: string;
	Config?: {
		Labels?: Record<string, string> | null;
		Cmd?: string[] | null;
		Entrypoint?: string[] | null;
		Env?: string[] | null;
	};
	RootFS?: {Type: string; Layers?: string[]};
};

export type HistoryEntry = {
	Id: string;
	Created: number;
	CreatedBy: string;
	Tags: string[] | null;
	Size: number;
	Comment: string;
};

export type Volume = {
	Name: string;
	Driver: string;
	Mountpoint: string;
	CreatedAt?: string;
	Labels: Record<string, string> | null;
	Scope: string;
	Options?: Record<string, string> | null;
	UsageData?: {Size: number; RefCount: number} | null;
};

export type BuildCacheRecord = {
	ID: string;
	Type: string;
	Description?: string;
	InUse: boolean;
	Shared: boolean;
	Size: number;
	CreatedAt: string;
	LastUsedAt?: string | null;
	UsageCount: number;
};

export type SystemDfResponse = {
	LayersSize: number;
	Images: ImageSummary[] | null;
	Containers: ContainerSummary[] | null;
	Volumes: Volume[] | null;
	BuildCache: BuildCacheRecord[] | null;
};

export type VersionInfo = {
	Version: string;
	ApiVersion: string;
	MinAPIVersion?: string;
	Os: string;
	Arch: string;
	KernelVersion?: string;
	Components?: Array<{Name: string; Version: string}>;
};

export type SystemInfo = {
	ID: string;
	Name: string;
	ServerVersion: string;
	Containers: number;
	ContainersRunning: number;
	ContainersPaused: number;
	ContainersStopped: number;
	Images: number;
	Driver: string;
	DockerRootDir: string;
	OperatingSystem: string;
	NCPU: number;
	MemTotal: number;
};

export type EngineEvent = {
	Type: string;
	Action: string;
	Actor: {ID: string; Attributes?: Record<string, string>};
	scope?: string;
	time: number;
	timeNano: number;
	status?: string;
	id?: string;
	from?: string;
};

export type DeleteResponseItem = {Untagged?: string; Deleted?: string};

export type ImagePruneResponse = {ImagesDeleted: DeleteResponseItem[] | null; SpaceReclaimed: number};
export type VolumePruneResponse = {VolumesDeleted: string[] | null; SpaceReclaimed: number};
export type ContainerPruneResponse = {ContainersDeleted: string[] | null; SpaceReclaimed: number};
export type BuildCachePruneResponse = {CachesDeleted: string[] | null; SpaceReclaimed: number};

export type StatsSample = {
	read: string;
	cpu_stats: {cpu_usage: {total_usage: number}; system_cpu_usage?: number; online_cpus?: number};
	precpu_stats: {cpu_usage: {total_usage: number}; system_cpu_usage?: number};
	memory_stats: {usage?: number; limit?: number; stats?: Record<string, number>};
	networks?: Record<string, {rx_bytes: number; tx_bytes: number}>;
	pids_stats?: {current?: number};
};

export type TopResponse = {Titles: string[]; Processes: string[][]};
export type ChangeItem = {Path: string; Kind: 0 | 1 | 2};
