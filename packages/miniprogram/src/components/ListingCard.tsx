import { Image, Text, View } from '@tarojs/components';
import type { ListingSummary } from '../api/types';
import { formatFen } from '../lib/money';
import { conditionLabel, KIND_LABEL, STATUS_LABEL } from '../lib/labels';
import './ListingCard.css';

interface Props {
  listing: ListingSummary;
  onOpen?: (id: string) => void;
}

export function ListingCard({ listing, onOpen }: Props) {
  const { kind, status } = listing;
  const showStatus = status !== 'active';
  const wants = listing.wantCount;
  return (
    <View className="card" data-testid="listing-card" onClick={() => onOpen?.(listing.id)}>
      <View className="card-cover">
        {listing.coverPhotoUrl ? (
          <Image className="card-cover-img" src={listing.coverPhotoUrl} mode="aspectFill" lazyLoad />
        ) : (
          <View className={`card-cover-placeholder card-cover-${kind}`}>
            <Text className="card-cover-glyph">{kind === 'book' ? '书' : kind === 'wanted' ? '求' : '闲'}</Text>
            <Text className="card-cover-hint">{kind === 'wanted' ? '求购' : '暂无图片'}</Text>
          </View>
        )}
        {showStatus && <Text className={`card-status badge badge-${status}`}>{STATUS_LABEL[status]}</Text>}
        {kind === 'wanted' && <Text className="card-kind">{KIND_LABEL.wanted}</Text>}
      </View>
      <View className="card-body">
        <Text className="card-title">{listing.title}</Text>
        <View className="card-row">
          <Text className="price card-price">{formatFen(listing.price)}</Text>
          {listing.condition && <Text className="badge card-condition">{conditionLabel(listing.condition)}</Text>}
        </View>
        <View className="card-row card-foot">
          <Text className="muted card-seller">{listing.seller.nickname}</Text>
          <View className="card-counts">
            {wants > 0 && (
              <Text className="card-wants" data-testid="card-wants">
                {wants} 人想要
              </Text>
            )}
            {listing.favoriteCount > 0 && <Text className="muted">♡ {listing.favoriteCount}</Text>}
          </View>
        </View>
      </View>
    </View>
  );
}
