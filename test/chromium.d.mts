export declare const CHROMIUM_CANDIDATES: readonly string[];
export declare const CHROMIUM_ARGS: readonly string[];
export declare function findChromium(): string | undefined;
export declare function noChromiumMessage(command: string): string;
