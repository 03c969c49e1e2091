import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ListingCard } from '../src/components/ListingCard';
import { aListing } from './fixtures';

describe('ListingCard', () => {
  it('shows title, price from fen, condition, seller and no status badge when active', () => {
    render(<ListingCard listing={aListing({ title: '九成新山地车', price: 1250, condition: 'like_new' })} />);
    expect(screen.getByText('九成新山地车')).toBeTruthy();
    expect(screen.getByText('¥12.50')).toBeTruthy();
    expect(screen.getByText('几乎全新')).toBeTruthy();
    expect(screen.getByText('alice')).toBeTruthy();
    expect(screen.queryByText('已预订')).toBeNull();
  });

  it('shows 面议 for a wanted post without budget, and a placeholder instead of a photo', () => {
    const { container } = render(
      <ListingCard
        listing={aListing({ kind: 'wanted', title: '求购台灯', price: null, condition: null, coverPhotoUrl: null })}
      />,
    );
    expect(screen.getByText('面议')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.card-cover-placeholder')).not.toBeNull();
    expect(screen.getAllByText('求购').length).toBeGreaterThan(0);
  });

  it('shows the cover photo and the 已预订 badge for a reserved listing', () => {
    const { container } = render(
      <ListingCard listing={aListing({ status: 'reserved', coverPhotoUrl: 'https://img.example/c.jpg' })} />,
    );
    expect(screen.getByText('已预订')).toBeTruthy();
    // Lazy-loaded: the URL waits in data-src until the card scrolls into view.
    const img = container.querySelector('img');
    expect(img?.getAttribute('src') ?? img?.getAttribute('data-src')).toBe('https://img.example/c.jpg');
    expect(container.querySelector('.card-cover-placeholder')).toBeNull();
  });

  it('opens the listing by id when tapped', () => {
    const onOpen = vi.fn();
    render(<ListingCard listing={aListing({ id: 'L42' })} onOpen={onOpen} />);
    fireEvent.click(screen.getByTestId('listing-card'));
    expect(onOpen).toHaveBeenCalledWith('L42');
  });
});
