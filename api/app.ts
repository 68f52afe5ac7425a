/**
 * The Express application, built from the services it needs so that tests and the
 * production server assemble it the same way.
 */
import express from 'express';
import { errorHandler, notFoundHandler } from './problem';
import { casesRouter } from './routes/cases';
import { complaintsRouter } from './routes/complaints';
import { meetingsRouter } from './routes/meetings';
import { type HealthChecks, healthRouter } from './routes/health';
import { noticesRouter } from './routes/notices';
import type { OutboxNotifier } from '../src/notify/outbox';
import type { CaseService } from './services/caseService';
import type { ComplaintService } from './services/complaintService';
import type { MeetingService } from './services/meetingService';

export interface AppServices {
  cases: CaseService;
  complaints: ComplaintService;
  meetings: MeetingService;
  outbox: OutboxNotifier;
  health: HealthChecks;
  log: (message: string, err?: unknown) => void;
}

export function createApp(services: AppServices): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '100kb' }));
  app.use(healthRouter(services.health));
  app.use('/api/cases', casesRouter(services.cases));
  app.use('/api/complaints', complaintsRouter(services.complaints));
  app.use('/api/meetings', meetingsRouter(services.meetings));
  app.use('/api/notices', noticesRouter(services.outbox));
  app.use(notFoundHandler);
  app.use(errorHandler(services.log));
  return app;
}
