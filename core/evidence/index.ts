export { EVIDENCE_COLUMNS, EvidenceKindSchema, exportEvidence, type EvidenceDeps, type EvidenceKind, type EvidenceRequest } from './export';
export { subjectAccess, type SubjectAccessDeps } from './subject-access';
