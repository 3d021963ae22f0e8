/** True when any of `outputs` (paths under `root`) is missing or older than a source file. */
export function needsBuild(root: string, outputs: string[]): boolean;
