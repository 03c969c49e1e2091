import { Carousel, Empty } from 'antd';
import { PushpinOutlined, SoundOutlined } from '@ant-design/icons';

export interface PreviewBanner {
  readonly key: string;
  readonly title: string;
  readonly imageUrl: string | null;
}

export interface PreviewNotice {
  readonly key: string;
  readonly title: string;
  readonly pinned: boolean;
}

/**
 * The top of the mini-program's home page at phone width (375 px): the banner carousel and the notice bar,
 * so an admin sees what students will see before saving.
 */
export function PhonePreview({ banners, notices }: { banners: PreviewBanner[]; notices: PreviewNotice[] }) {
  return (
    <div className="xz-phone" data-testid="phone-preview" aria-label="手机首页预览">
      <div className="xz-phone-bar">闲置</div>
      <div className="xz-phone-search">搜索闲置物品、书籍</div>
      {banners.length > 0 ? (
        <Carousel autoplay={banners.length > 1} className="xz-phone-carousel">
          {banners.map((b) => (
            <div key={b.key}>
              <div className="xz-phone-banner">
                {b.imageUrl ? <img src={b.imageUrl} alt={b.title} /> : <span>请上传图片</span>}
              </div>
            </div>
          ))}
        </Carousel>
      ) : (
        <div className="xz-phone-banner xz-phone-empty">没有展示中的轮播图</div>
      )}
      <div className="xz-phone-notices">
        {notices.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有展示中的公告" />
        ) : (
          notices.map((n) => (
            <div key={n.key} className="xz-phone-notice">
              {n.pinned ? <PushpinOutlined /> : <SoundOutlined />} <span>{n.title}</span>
            </div>
          ))
        )}
      </div>
      <div className="xz-phone-feed">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="xz-phone-card" />
        ))}
      </div>
    </div>
  );
}
