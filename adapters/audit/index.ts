export { AppendBlobAuditTrail, AUDIT_CONTAINER, auditContainer, auditTrailOf } from './append-blob-trail';
