import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** What "approved by" means wherever a waiver's approver is shown: the file's claim. */
export function ApprovedByNote() {
  return (
    <>
      &ldquo;Approved by&rdquo; is what the waiver file claims; the review of
      the file is what vouches for it.
    </>
  );
}

/** A waiver's approver, an entity ref (kind `user` unless it says), linked to its page. */
export function ApproverLink(props: { approvedBy: string }) {
  return (
    <EntityRefLink entityRef={props.approvedBy} defaultKind="user" hideIcon />
  );
}
