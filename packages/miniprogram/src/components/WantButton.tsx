import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/client';
import { listingKeys } from '../api/listing-queries';
import type { ListingDetail } from '../api/types';
import { tradesApi, tradeKeys } from '../api/trades';
import { withWants } from '../lib/wants';

interface Props {
  listing: ListingDetail;
  /** Why this student may not want it (own listing, not verified, not on sale), or null. */
  blocker: string | null;
}

/** 想要 in the detail's bottom bar, with how many want it; a second tap takes it back. */
export function WantButton({ listing, blocker }: Props) {
  const client = useQueryClient();
  const wanted = listing.wantedByMe;
  const count = listing.wantCount;
  const toggle = useMutation({
    mutationFn: () => (wanted ? tradesApi.unwant(listing.id) : tradesApi.want(listing.id)),
    onSuccess: (res) => {
      client.setQueryData<ListingDetail>(listingKeys.detail(listing.id), (old) => (old ? withWants(old, res) : old));
      void client.invalidateQueries({ queryKey: tradeKeys.wanters(listing.id) });
    },
    onError: (e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }),
  });

  const tap = () => {
    // Taking a 想要 back is always possible; a new one needs a verified student on a live listing.
    if (blocker && !wanted) {
      void Taro.showToast({ title: blocker, icon: 'none' });
      return;
    }
    if (toggle.isPending) return;
    toggle.mutate();
  };

  const off = Boolean(blocker) && !wanted;
  return (
    <View className={`detail-bar-item ${off ? 'detail-bar-off' : ''}`} data-testid="want" onClick={tap}>
      <Text className={wanted ? 'fav-on' : ''}>{wanted ? '♥' : '♡'}</Text>
      <Text className="detail-bar-label" data-testid="want-label">
        {wanted ? '已想要' : '想要'}
        {count > 0 ? ` ${count}` : ''}
      </Text>
    </View>
  );
}
