import { storage } from '#imports';

/**
 * The partnerships whose published results carry comments and free-text answers to the
 * workspace's coordinators (utils/pulse/publish-released.ts). None by default: aggregates only.
 */
export const shareCommentsWith = storage.defineItem<string[]>('local:shareCommentsWith', {
  fallback: [],
});
