export interface FileSize {
  /** Relative to the build directory, with forward slashes. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

export const SIZE_BUDGETS: { contentScriptGzip: number; sidePanelGzip: number; backgroundSyncGzip: number };
export function gzipSize(contents: Uint8Array | string): number;
export function contentScriptSizes(outDir: string): FileSize[];
export function pageScripts(outDir: string, htmlFile: string): string[];
export function pageScriptSize(
  outDir: string,
  htmlFile: string,
): { files: FileSize[]; bytes: number; gzipBytes: number };
export function formatKilobytes(bytes: number): string;
export function backgroundSyncSize(
  root: string,
): Promise<{ withSync: number; withoutSync: number; gzipBytes: number; inputs: string[] }>;
