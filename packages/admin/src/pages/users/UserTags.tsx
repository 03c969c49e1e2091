import { Space, Tag } from 'antd';
import type { AdminUserRow } from '../../api/types';

export function UserTags({ user }: { user: Pick<AdminUserRow, 'verified' | 'banned'> }) {
  return (
    <Space size={4}>
      {user.verified ? <Tag color="green">已认证</Tag> : <Tag>未认证</Tag>}
      {user.banned && <Tag color="red">已封禁</Tag>}
    </Space>
  );
}
