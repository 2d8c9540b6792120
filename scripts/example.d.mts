export declare const DEFAULT_DATA_DIR: string;
export declare function startExample(options?: {
  dataDir?: string;
  fresh?: boolean;
  port?: number;
  log?: (line: string) => void;
  startTimeoutMs?: number;
}): Promise<{ url: string; serverUrl: string; stop: () => Promise<void> }>;
