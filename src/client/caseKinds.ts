/**
 * Whether a case started as a kind is one: the pack allows the kind, and the facts fit it
 * (the pack's criteria for the kind). Each refusal is a 422 naming the field to change.
 */
import type { CaseType, PolicyPack } from '../policy/schema';
import { DomainError } from '../errors';
import type { StartCaseBody } from '../case/bodies';

const notOfKind = (field: string, message: string, detail = message) =>
  new DomainError('refused', 'Not a case of this kind', detail, [{ field, message }]);

/** Abuse or neglect known or suspected, and the child died or was seriously harmed (003; WT). */
export const isSerious = (body: StartCaseBody) =>
  body.abuseOrNeglectSuspected && (body.childDied || body.seriouslyHarmed);

export function assertCaseOfKind(pack: PolicyPack, caseType: CaseType, body: StartCaseBody): void {
  if (!pack.caseTypes.allowed.includes(caseType)) {
    throw notOfKind(
      'caseType',
      `must be one of ${pack.caseTypes.allowed.join(', ')}`,
      `${pack.name} does not handle cases of the kind ${caseType}`,
    );
  }
  const rules = pack.caseTypes.rules[caseType];
  const serious = isSerious(body);
  switch (rules.criteria) {
    case 'serious':
      if (!serious) {
        throw notOfKind(
          'abuseOrNeglectSuspected',
          'with childDied or seriouslyHarmed, must describe a serious case',
          'a serious child safeguarding case needs abuse or neglect known or suspected, and the child to have died or been seriously harmed',
        );
      }
      break;
    case 'death-of-looked-after-child':
      // Notified to Ofsted and the Secretary of State whether or not abuse or neglect is
      // suspected (WT 2023 ch.5); the pack's `panel` rule says when the Panel is told too.
      if (!body.childDied)
        throw notOfKind('childDied', 'must be true: the case is the death of a looked-after child');
      break;
    case 'care-leaver-death':
      if (!body.childDied) throw notOfKind('childDied', "must be true: the case is a care leaver's death");
      if (body.ageAtDeath === undefined) throw notOfKind('ageAtDeath', "is needed for a care leaver's death");
      if (rules.maxAgeAtDeath !== undefined && body.ageAtDeath > rules.maxAgeAtDeath) {
        throw notOfKind(
          'ageAtDeath',
          `must be at most ${rules.maxAgeAtDeath}: only the deaths of care leavers up to and including that age are notified`,
        );
      }
      break;
    case 'none':
      break;
  }
  if (body.ageAtDeath !== undefined && rules.criteria !== 'care-leaver-death')
    throw notOfKind('ageAtDeath', "is only for a care leaver's death");
  const children = body.children ?? [];
  if (children.length > pack.caseTypes.maxChildren) {
    throw notOfKind(
      'children',
      `must be at most ${pack.caseTypes.maxChildren}: one notification covers up to ${pack.caseTypes.maxChildren} children; notify a further incident for more`,
    );
  }
  if (new Set(children).size !== children.length) throw notOfKind('children', 'must not name a child twice');
}
