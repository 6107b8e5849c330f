export interface TestServer {
  url: string;
  /** The server's process id (benchmarks read its CPU time from /proc). */
  pid: number | undefined;
  output(): string;
  stop(): Promise<void>;
}
export function startTestServer(env?: Record<string, string>): Promise<TestServer>;
