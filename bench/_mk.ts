import fs from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowsPath } from '../src/temporal/worker';
(async () => {
  const b = await bundleWorkflowCode({ workflowsPath });
  fs.writeFileSync('/tmp/wf-bundle.js', b.code);
})();
