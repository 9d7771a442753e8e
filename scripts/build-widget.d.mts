export declare const WIDGET_OUT_DIR: string;
export declare const WIDGET_BUDGET: number;
export declare function buildWidget(): Promise<{ code: string; bytes: number; gzip: number }>;
export declare function writeWidget(): Promise<{ code: string; bytes: number; gzip: number }>;
