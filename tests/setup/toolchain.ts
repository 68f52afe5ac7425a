/**
 * Installs the Temporal servers and Chromium through the project's own script (a no-op once
 * installed) and hands their paths to the tests.
 */
import type { TestProject } from 'vitest/node';
import { ensureTool } from '../../src/temporal/toolchain';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalCli: string;
    testServer: string;
    chromium: string;
  }
}

export default function setup(project: TestProject): void {
  project.provide('temporalCli', ensureTool('temporal-cli'));
  project.provide('testServer', ensureTool('test-server'));
  project.provide('chromium', ensureTool('chromium'));
}
