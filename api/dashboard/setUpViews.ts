/**
 * The dashboard's pages: nunjucks templates over GOV.UK Frontend's, and its assets. Every page
 * is rendered with the signed-in user, the form token and the CSP nonce the middleware before
 * it put on `res.locals`.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import express, { type Response, Router } from 'express';
import nunjucks from 'nunjucks';
import { CASE_TYPE_NAMES } from './presenters';

const govukDist = path.dirname(require.resolve('govuk-frontend/package.json')) + '/dist';

export type Page = Record<string, unknown>;

/** How a decision posted from a form stood when its answer came: `?decision=` on the page it returns to. */
export const DECISION_OUTCOMES = ['acting', 'waiting'] as const;

export interface Views {
  render(res: Response, view: string, page: Page, status?: number): void;
}

export function setUpViews(): { views: Views; assets: Router } {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([path.join(__dirname, 'views'), govukDist], { noCache: false }),
    { autoescape: true },
  );
  env.addGlobal('caseTypeNames', CASE_TYPE_NAMES);
  env.addFilter('selectItems', (options: { value: string; text: string }[], selected: unknown) => [
    { value: '', text: 'Choose' },
    ...options.map((o) => ({ ...o, selected: o.value === selected })),
  ]);
  env.addFilter('checkboxItems', (options: { value: string; text: string }[], ticked: unknown) => {
    const chosen = Array.isArray(ticked) ? ticked : [ticked];
    return options.map((o) => ({ ...o, checked: chosen.includes(o.value) }));
  });
  const views: Views = {
    render: (res, view, page, status = 200) =>
      res
        .status(status)
        .type('html')
        .send(
          env.render(view, {
            principal: res.locals.user,
            csrf: res.locals.csrf,
            submission: randomUUID(),
            decisionOutcome: DECISION_OUTCOMES.find((o) => o === res.req.query.decision),
            ...page,
            cspNonce: res.locals.cspNonce,
          }),
        ),
  };
  const assets = Router();
  assets.use('/assets', express.static(path.join(govukDist, 'govuk', 'assets'), { maxAge: '1d' }));
  assets.get('/assets/govuk-frontend.min.css', (_req, res) =>
    res.sendFile(path.join(govukDist, 'govuk', 'govuk-frontend.min.css')),
  );
  return { views, assets };
}
