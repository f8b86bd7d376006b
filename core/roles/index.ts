export { ACTIONS, actionForVerb, openToEveryone, POLICY, relationLabel, type Action, type Relation, type Rule } from './policy';
export { assertAllowed, authorise, decide, relationsOf, requireAllowed, type Decision, type Subject } from './authorise';
export { rolesTableMarkdown } from './table';
