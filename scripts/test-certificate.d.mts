export interface TestCertificate {
  certFile: string;
  keyFile: string;
  remove(): void;
}
export function makeTestCertificate(): TestCertificate;
