import { useState } from 'react';
import { Button, Typography } from 'antd';
import { api } from '../../api/endpoints';
import { keys } from '../../api/query';
import { ReasonDialog } from '../../components/ReasonDialog';
import { useAction } from '../../lib/useAction';

interface Target {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly seller: { readonly nickname: string };
}

/** 下架 with a reason the seller reads in their messages; 恢复 brings a removed listing back as it was. */
export function ListingActions({ listing }: { listing: Target }) {
  const [open, setOpen] = useState(false);
  const removed = listing.status === 'removed';
  const invalidates = [keys.listings, keys.listing(listing.id), keys.users];
  const remove = useAction((reason: string) => api.removeListing(listing.id, reason), {
    success: '已下架',
    failure: '下架失败',
    invalidates,
  });
  const restore = useAction((reason: string) => api.restoreListing(listing.id, reason), {
    success: '已恢复',
    failure: '恢复失败',
    invalidates,
  });
  return (
    <>
      {removed ? (
        <Button size="small" onClick={() => setOpen(true)}>
          恢复
        </Button>
      ) : (
        <Button danger size="small" onClick={() => setOpen(true)}>
          下架
        </Button>
      )}
      <ReasonDialog
        open={open}
        title={removed ? '恢复商品' : '下架商品'}
        label={removed ? '恢复原因' : '下架原因'}
        okText={removed ? '确认恢复' : '确认下架'}
        danger={!removed}
        placeholder={removed ? '例如：经核实信息无误' : '例如：违禁物品 / 虚假信息 / 重复发布'}
        onSubmit={(reason) => (removed ? restore : remove).mutateAsync(reason)}
        onClose={() => setOpen(false)}
      >
        <Typography.Paragraph>
          {removed ? '将恢复' : '将下架'}「<Typography.Text strong>{listing.title}</Typography.Text>」（卖家{' '}
          {listing.seller.nickname}），卖家会在消息中看到原因。
        </Typography.Paragraph>
      </ReasonDialog>
    </>
  );
}
