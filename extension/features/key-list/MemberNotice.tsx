import type { Me } from '#shared/api';
import { LockIcon } from '@/ui/icons.tsx';
import { Notice } from '@/ui/Notice.tsx';

/** What a member sees instead of key controls. */
export function MemberNotice({ me }: { me: Me }) {
  return (
    <Notice icon={LockIcon} title="S3 keys need the admin or member+ role.">
      You are signed in as {me.user.name} with the member role in {me.account.name}. Ask an admin of the
      account to change your role.
    </Notice>
  );
}
