/**
 * Everything the action keys may ask of the Engine, as one small interface over the core. The controller only
 * goes through this, so tests can count exactly what was (not) sent.
 */
import {
	applyContainerAction,
	planImagePrune,
	planImageRemoval,
	planSystemPrune,
	planVolumePrune,
	removeImage,
	removeVolume,
	runImagePrune,
	runSystemPrune,
	runVolumePrune,
	tagImage,
	type ActionOutcome,
	type ContainerAction,
	type ContainerSummary,
	type EngineClient,
	type ImagePrunePlan,
	type ImagePruneRun,
	type ImageRemovalPlan,
	type NamedRun,
	type RemoveImageResult,
	type SystemPrunePlan,
	type SystemPruneRun,
	type VolumePrunePlan,
} from '../../core/index.ts';

export type ActionOps = {
	planImagePrune(scope: 'dangling' | 'all'): Promise<ImagePrunePlan>;
	runImagePrune(plan: ImagePrunePlan): Promise<ImagePruneRun>;
	planImageRemoval(imageId: string, tag?: string): Promise<ImageRemovalPlan>;
	removeImage(reference: string, options: {force: boolean}): Promise<RemoveImageResult>;
	tagImage(source: string, target: string): Promise<void>;
	planVolumePrune(all: boolean): Promise<VolumePrunePlan>;
	runVolumePrune(plan: VolumePrunePlan): Promise<NamedRun>;
	removeVolume(name: string): Promise<void>;
	planSystemPrune(options: {allImages: boolean; volumes: boolean}): Promise<SystemPrunePlan>;
	runSystemPrune(plan: SystemPrunePlan): Promise<SystemPruneRun>;
	applyContainerAction(action: ContainerAction, containers: ContainerSummary[]): Promise<ActionOutcome[]>;
};

export function engineOps(client: EngineClient): ActionOps {
	return {
		planImagePrune: (scope) => planImagePrune(client, scope),
		runImagePrune: (plan) => runImagePrune(client, plan),
		planImageRemoval: (imageId, tag) => planImageRemoval(client, imageId, tag),
		removeImage: (reference, options) => removeImage(client, reference, options),
		tagImage: (source, target) => tagImage(client, source, target),
		planVolumePrune: (all) => planVolumePrune(client, all),
		runVolumePrune: (plan) => runVolumePrune(client, plan),
		// Never force: the Engine refuses a volume that is in use.
		removeVolume: (name) => removeVolume(client, name, false),
		planSystemPrune: (options) => planSystemPrune(client, options),
		runSystemPrune: (plan) => runSystemPrune(client, plan),
		applyContainerAction: (action, containers) => applyContainerAction(client, action, containers),
	};
}
