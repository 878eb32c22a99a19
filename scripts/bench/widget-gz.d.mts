export const WIDGET_GZIP_BUDGET: number;
export function widgetFile(root: string): string;
export function widgetGzipBytes(root: string): number;
