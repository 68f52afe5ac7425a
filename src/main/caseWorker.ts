/**
 * The case worker: every workflow and activity on one task queue. Shared by the worker
 * entry point, `npm start` and the tests, so all of them run the same registration.
 */
import path from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { type NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { type ActivityServices, createActivities } from '../../activities';
import { forWorker } from '../temporal/dataConverter';

export const workflowsPath = path.resolve(__dirname, '..', '..', 'workflows', 'index.ts');
/** Bundled with the workflows wherever they are bundled: the guard on their inputs. */
export const workflowInterceptorModules = [
  path.resolve(__dirname, '..', '..', 'workflows', 'interceptors.ts'),
];

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  services: ActivityServices;
  /** The deployment's payload codec: the worker must read what the clients encrypted. */
  dataConverter: DataConverter;
  /** Cases kept in memory between tasks; an evicted case replays its history when it wakes. */
  maxCachedWorkflows?: number;
  /** A prebuilt bundle (with workflowInterceptorModules), so tests bundle the workflows once instead of per worker. */
  workflowBundle?: WorkflowBundleOption;
}

export function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities(options.services),
    dataConverter: forWorker(options.dataConverter),
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath, interceptors: { workflowModules: workflowInterceptorModules } }),
    maxCachedWorkflows: options.maxCachedWorkflows ?? 1000,
  });
}
