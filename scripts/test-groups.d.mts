// Types of scripts/test-groups.mjs, for the TypeScript tests that use it.
export declare const root: string;
export declare const SYSTEM_HELPERS: string[];
export declare const SYSTEM_FILES: Record<string, string>;
export declare const NEEDS_BUILD: RegExp;
export declare function localImports(file: string): string[];
export declare function systemReason(file: string): string | undefined;
export declare function allTestFiles(): string[];
export declare function classify(files?: string[]): Array<{file: string; group: 'unit' | 'system'; reason?: string}>;
