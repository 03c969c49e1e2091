import { Image, Text, View } from '@tarojs/components';
import type { SearchHit } from '../api/types';
import { conditionLabel, STATUS_LABEL } from '../lib/labels';
import { formatFen } from '../lib/money';
import { Highlighted } from './Highlighted';
import './SearchResult.css';

interface Props {
  hit: SearchHit;
  areaName?: string;
  onOpen?: (id: string) => void;
}

/** One search hit: the API's highlighted title and description excerpt beside the cover. */
export function SearchResult({ hit, areaName, onOpen }: Props) {
  const { listing } = hit;
  const snippet = hit.snippet.some((r) => r.text.trim() !== '');
  const wants = listing.wantCount;
  return (
    <View className="hit" data-testid="search-hit" onClick={() => onOpen?.(listing.id)}>
      <View className="hit-cover">
        {listing.coverPhotoUrl ? (
          <Image className="hit-cover-img" src={listing.coverPhotoUrl} mode="aspectFill" lazyLoad />
        ) : (
          <View className={`hit-cover-placeholder card-cover-${listing.kind}`}>
            <Text>{listing.kind === 'book' ? '书' : listing.kind === 'wanted' ? '求' : '闲'}</Text>
          </View>
        )}
      </View>
      <View className="hit-body">
        <Highlighted className="hit-title" runs={hit.title} />
        {snippet && <Highlighted className="hit-snippet muted" runs={hit.snippet} />}
        <View className="hit-row">
          <Text className="price hit-price">{formatFen(listing.price)}</Text>
          {listing.condition && <Text className="badge">{conditionLabel(listing.condition)}</Text>}
          {listing.kind === 'wanted' && <Text className="badge">求购</Text>}
          {listing.status !== 'active' && (
            <Text className={`badge badge-${listing.status}`}>{STATUS_LABEL[listing.status]}</Text>
          )}
        </View>
        <Text className="muted hit-foot">
          {listing.seller.nickname}
          {areaName ? ` · ${areaName}` : ''}
          {wants > 0 ? ` · ${wants} 人想要` : ''}
        </Text>
      </View>
    </View>
  );
}
