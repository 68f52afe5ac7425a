/**
 * Installs the Temporal servers through the project's own script (a no-op once cached) and
 * hands their paths to the tests.
 */
import type { TestProject } from 'vitest/node';
import { ensureTool } from '../../src/temporal/toolchain';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalCli: string;
    testServer: string;
  }
}

export default function setup(project: TestProject): void {
  project.provide('temporalCli', ensureTool('temporal-cli'));
  project.provide('testServer', ensureTool('test-server'));
}
