export interface TestServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}
export function startTestServer(env?: Record<string, string>): Promise<TestServer>;
