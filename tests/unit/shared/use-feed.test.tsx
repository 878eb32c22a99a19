import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFeed } from '../../../components/shared/hooks/useFeed';

/** Lets effects run: enough where nothing more is expected to happen. */
const flush = async () => {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};
/** Waits for what must happen: an effect can run past flush() on a loaded machine. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });

afterEach(() => render(null, document.body));

function Fed(props: { feed: (text: string, count: number) => void; text: string; count: number; other?: number }) {
  useFeed(props.feed, props.text, props.count);
  return <p>{props.other}</p>;
}

describe('useFeed: a prop handed to a model', { timeout: 30_000 }, () => {
  it('feeds the values once mounted, again when one changes, never for a render that changes none', async () => {
    const feed = vi.fn();
    render(<Fed feed={feed} text="a" count={1} />, document.body);
    await until(() => expect(feed.mock.calls).toEqual([['a', 1]]));

    // Another prop changes, and the feed is a new function: the values are the same, nothing fed.
    const next = vi.fn();
    render(<Fed feed={next} text="a" count={1} other={2} />, document.body);
    await flush();
    expect(feed.mock.calls).toHaveLength(1);
    expect(next).not.toHaveBeenCalled();

    // One value changes: the newest feed gets all of them.
    render(<Fed feed={next} text="a" count={2} />, document.body);
    await until(() => expect(next.mock.calls).toEqual([['a', 2]]));
    render(<Fed feed={next} text="b" count={2} />, document.body);
    await until(() => expect(next.mock.calls).toHaveLength(2));
    await flush();
    expect(next.mock.calls).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
    expect(feed.mock.calls).toHaveLength(1);
  });

  it('tells values apart by identity: a new list of the same items is fed, as a new prop', async () => {
    const feed = vi.fn();
    function FedList(props: { items: string[] }) {
      useFeed(feed, props.items);
      return null;
    }
    const items = ['x'];
    render(<FedList items={items} />, document.body);
    render(<FedList items={items} />, document.body);
    await until(() => expect(feed).toHaveBeenCalled());
    await flush();
    expect(feed).toHaveBeenCalledTimes(1);
    render(<FedList items={['x']} />, document.body);
    await until(() => expect(feed).toHaveBeenCalledTimes(2));
    await flush();
    expect(feed).toHaveBeenCalledTimes(2);
  });
});
